import { mod97 } from './mod97';
import type { IdentifierSpan } from './span';

/** IBAN lengths of the countries a French counsellor is likely to meet; others are tried at every length. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  FR: 27,
  MC: 27,
  DE: 22,
  BE: 16,
  LU: 20,
  CH: 21,
  IT: 27,
  ES: 24,
  PT: 25,
  NL: 18,
  GB: 22,
  IE: 22,
  AT: 20,
  PL: 28,
  RO: 24,
  BG: 22,
  GR: 27,
  HR: 21,
  CZ: 24,
  SK: 24,
  HU: 28,
  SE: 24,
  DK: 18,
  FI: 18,
  NO: 15,
  TN: 24,
  MA: 28,
  SN: 28,
  CI: 28,
  TR: 26,
};
const MIN_IBAN_LENGTH = 15;
const MAX_IBAN_LENGTH = 34;

/** Country code, check digits, then the account part with optional single spaces (groups of four on paper). */
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/gu;

/** ISO 13616 check: country and check digits moved to the end, letters as 10..35, remainder 1 modulo 97. */
export function isValidIban(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (iban.length < MIN_IBAN_LENGTH || iban.length > MAX_IBAN_LENGTH) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}

/** Cheap test run first: most requests hold no country code followed by two digits. */
const MAY_HOLD_IBAN = /[A-Za-z]{2} ?\d{2}/;

export function findIbans(text: string): IdentifierSpan[] {
  if (!MAY_HOLD_IBAN.test(text)) return [];
  const spans: IdentifierSpan[] = [];
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    // The greedy candidate may run into the next word; keep the longest prefix that is a valid IBAN.
    const offsets: number[] = [];
    let compact = '';
    for (let i = 0; i < m[0].length; i++) {
      const ch = m[0][i] as string;
      if (ch === ' ') continue;
      compact += ch;
      offsets.push(m.index + i);
    }
    for (let length = Math.min(compact.length, MAX_IBAN_LENGTH); length >= MIN_IBAN_LENGTH; length--) {
      const end = (offsets[length - 1] as number) + 1;
      if (/[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      if (isValidIban(compact.slice(0, length))) {
        spans.push({ kind: 'iban', start: m.index, end });
        break;
      }
    }
  }
  return spans;
}

import type { IdentifierKind } from './identifiers/span';

export const PLACEHOLDERS: Readonly<Record<IdentifierKind, string>> = {
  first_name: '[PRÉNOM]',
  last_name: '[NOM]',
  phone: '[TÉLÉPHONE]',
  email: '[EMAIL]',
  nir: '[NIR]',
  iban: '[IBAN]',
  address: '[ADRESSE]',
  identity_document: '[N° DOCUMENT]',
  birth_date: '[DATE DE NAISSANCE]',
};

/** For a sensitive term the DPO chose to redact rather than block or let through. */
export const SENSITIVE_PLACEHOLDER = '[DONNÉE SENSIBLE]';

const EVERY_PLACEHOLDER = [...Object.values(PLACEHOLDERS), SENSITIVE_PLACEHOLDER];

/**
 * The redacted text without its placeholders: what a search should look for. "[PRÉNOM] souhaite…"
 * and "Souhaite…" then find the same offers, whatever stood in the request before redaction.
 */
export function withoutPlaceholders(text: string): string {
  let searchable = text;
  for (const placeholder of EVERY_PLACEHOLDER) searchable = searchable.replaceAll(placeholder, ' ');
  return searchable.replace(/\s{2,}/g, ' ').trim();
}

export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly placeholder: string;
}

/** Replaces each span by its placeholder; overlapping spans are merged under the first placeholder. */
export function redact(text: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const r of sorted) {
    if (r.end <= cursor) continue;
    out += text.slice(cursor, Math.max(cursor, r.start));
    if (r.start >= cursor) out += r.placeholder;
    cursor = r.end;
  }
  return out + text.slice(cursor);
}

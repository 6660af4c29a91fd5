import type { Random } from './random';

/** La Poste's establishments share one SIREN and are keyed by another rule (digit sum multiple of 5). */
const LA_POSTE_SIREN = '356000000';

/** Luhn checksum over a string of digits: the key of SIREN and SIRET numbers. */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** True for 14 digits whose key is right (the Luhn rule, or La Poste's own rule). */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== `${LA_POSTE_SIREN}00048`) {
    let digitSum = 0;
    for (const char of siret) digitSum += Number(char);
    return digitSum % 5 === 0;
  }
  return luhnSum(siret) % 10 === 0;
}

/** The digit that makes `digits` + that digit pass the Luhn check. */
function luhnKey(digits: string): string {
  for (let key = 0; key <= 9; key++) {
    if (luhnSum(`${digits}${key}`) % 10 === 0) return String(key);
  }
  throw new Error('unreachable: one of ten keys always fits');
}

/**
 * An invented SIRET with valid keys: a Luhn-valid SIREN (the legal unit) and a NIC (the
 * establishment) such that the 14 digits pass Luhn too. `sirenPrefix` gives the legal category's
 * usual first digit (2 for local authorities, 3-5 and 7-8 for companies and associations).
 */
export function generateSiret(random: Random, sirenPrefix = ''): string {
  let body = sirenPrefix;
  while (body.length < 8) body += String(random.int(body.length === 0 ? 1 : 0, 9));
  const siren = `${body}${luhnKey(body)}`;
  if (siren === LA_POSTE_SIREN) return generateSiret(random, sirenPrefix);
  // Most establishments are the first few of their company: NICs look like 00012, 00038.
  const nicBody = `000${random.int(1, 9)}`;
  return `${siren}${nicBody}${luhnKey(`${siren}${nicBody}`)}`;
}

/** A SIRET that looks right but is not: one digit changed, so the key no longer matches. */
export function corruptSiret(siret: string, random: Random): string {
  const position = random.int(0, 13);
  const digit = Number(siret[position] ?? '0');
  const changed = (digit + random.int(1, 9)) % 10;
  // One changed digit always breaks Luhn; the check only guards against landing on La Poste's rule.
  const candidate = `${siret.slice(0, position)}${changed}${siret.slice(position + 1)}`;
  return isValidSiret(candidate) ? corruptSiret(siret, random) : candidate;
}

/** Keeps invented SIRETs unique across the whole catalogue, so that no two producers collide by chance. */
export class SiretRegistry {
  private readonly used = new Set<string>();

  /** Each part of the catalogue passes its own generator, so that parts stay independent. */
  next(random: Random, sirenPrefix = ''): string {
    for (;;) {
      const siret = generateSiret(random, sirenPrefix);
      if (this.used.has(siret)) continue;
      this.used.add(siret);
      return siret;
    }
  }
}

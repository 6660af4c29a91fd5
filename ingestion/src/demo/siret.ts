import { isValidSiret, LA_POSTE_SIREN, luhnSum } from '../harmonise/siret';
import type { Random } from './random';

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

import { findAddresses } from './address';
import { findBirthDates } from './birth-date';
import { findEmails } from './email';
import { findIbans } from './iban';
import { findIdentityDocuments } from './identity-document';
import { findNirsAndPhones } from './numbers';
import { type IdentifierSpan, overlaps } from './span';

/**
 * Identifiers other than names, most specific detector first: an e-mail address wins over the
 * digits inside it, an IBAN over a phone-like group of its digits.
 */
export function findIdentifiers(text: string, knownWords: ReadonlySet<string>): IdentifierSpan[] {
  const detectors = [
    findEmails,
    findIbans,
    findNirsAndPhones,
    findIdentityDocuments,
    findBirthDates,
    (t: string) => findAddresses(t, knownWords),
  ];
  const kept: IdentifierSpan[] = [];
  for (const detect of detectors) {
    for (const span of detect(text)) if (!kept.some((k) => overlaps(k, span))) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

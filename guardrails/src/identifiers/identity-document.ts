import type { IdentifierSpan } from './span';

/**
 * Document numbers are only recognised after a keyword: without one, "12AB34567" could be any
 * reference. The keyword itself stays: only the number identifies.
 */
const DOCUMENT_KEYWORD =
  /(?:passeport|passport|\bCNI\b|carte (?:nationale )?d['’ ]?identit[ée]|pi[èe]ce d['’ ]?identit[ée]|titre de s[ée]jour|carte de s[ée]jour|permis de conduire|\bAGDREF\b|num[ée]ro (?:d['’ ]?)?[ée]tranger|n°\s*(?:d['’ ]?)?[ée]tranger)/gi;
/** What may sit between the keyword and the number: "n°", "numéro", ":", "#". */
const LEAD_IN = /^(?:[\s:#°.,-]|(?:n[°o]|num(?:[ée]ro)?)(?![\p{L}\p{N}]))*/iu;
const CHUNK = /^[A-Za-z0-9]+/;
const MIN_DOCUMENT_LENGTH = 6;
const MIN_DOCUMENT_DIGITS = 2;
const MAX_CHUNKS = 4;

/** Cheap test run first, without the Unicode flag. */
const MAY_HOLD_KEYWORD = /passe?port|cni|identit|s.jour|permis|tranger|agdref/i;

export function findIdentityDocuments(text: string): IdentifierSpan[] {
  if (!MAY_HOLD_KEYWORD.test(text)) return [];
  const spans: IdentifierSpan[] = [];
  for (const keyword of text.matchAll(DOCUMENT_KEYWORD)) {
    let pos = keyword.index + keyword[0].length;
    pos += (LEAD_IN.exec(text.slice(pos, pos + 30))?.[0] ?? '').length;
    const start = pos;
    let end = pos;
    let compact = '';
    // "12AB 34567", "1234 5678 9012": chunks separated by one space or dash, each holding a digit or in capitals.
    for (let chunks = 0; chunks < MAX_CHUNKS; chunks++) {
      const chunk = CHUNK.exec(text.slice(pos))?.[0];
      if (!chunk || !(/\d/.test(chunk) || (chunk === chunk.toUpperCase() && chunk.length >= 2))) break;
      compact += chunk;
      end = pos + chunk.length;
      const sep = text[end];
      if ((sep !== ' ' && sep !== '-') || !/[A-Za-z0-9]/.test(text[end + 1] ?? '')) break;
      pos = end + 1;
    }
    const digits = compact.replace(/\D/g, '').length;
    if (compact.length >= MIN_DOCUMENT_LENGTH && digits >= MIN_DOCUMENT_DIGITS) {
      spans.push({ kind: 'identity_document', start, end });
    }
  }
  return spans;
}

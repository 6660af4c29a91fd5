import type { IdentifierSpan } from './span';

/** The cue must end right where the date starts. */
const BIRTH_CUE = /(?:\bn[ée]e?(?:\(e\))?\s+le|date de naissance\s*:?|\bDDN\s*:?)\s*$/iu;
const CUE_REACH = 30;
const MONTHS =
  'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|janv?\\.?|f[ée]vr?\\.?|sept?\\.?|oct\\.?|nov\\.?|d[ée]c\\.?';
/** Dates are looked for first: they start with a digit, which keeps the scan cheap. */
const DATE = new RegExp(
  `(?<!\\d)(?:\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{2,4}|(?:1er|\\d{1,2})\\s+(?:${MONTHS})\\s+\\d{4}|\\d(?: \\d){7}|\\d{8})(?!\\d)`,
  'giu',
);

/**
 * A date counts as a birth date only after a birth cue ("né le", "date de naissance", "DDN"): a bare
 * date in a counsellor's request is almost always a training start date, and the age, when it
 * matters for eligibility, is better written "32 ans".
 */
export function findBirthDates(text: string): IdentifierSpan[] {
  const spans: IdentifierSpan[] = [];
  for (const date of text.matchAll(DATE)) {
    if (BIRTH_CUE.test(text.slice(Math.max(0, date.index - CUE_REACH), date.index))) {
      spans.push({ kind: 'birth_date', start: date.index, end: date.index + date[0].length });
    }
  }
  return spans;
}

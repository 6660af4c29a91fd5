import { type DigitRun, endsAtGroupEnd, findDigitRuns } from './digit-runs';
import { isPlausibleNirWithoutKey, isValidNir } from './nir';
import type { IdentifierSpan } from './span';

/** "n° de sécu", "numéro de sécurité sociale", "NIR", "NSS", "assuré": the number that follows is a NIR. */
const NIR_KEYWORD = /s[ée]cu(?:rit[ée] sociale)?|\bNIR\b|\bNSS\b|\bINSEE\b|\bn°\s*SS\b|assur[ée]/gi;
/** "tél", "portable", "joignable au", "fax": the number that follows is a phone number, whatever its shape. */
const PHONE_KEYWORD = /(?:t[ée]l(?:[ée]phon\p{L}*)?|portable|mobile|fax|joignable|contact|appeler|ligne)/giu;
const KEYWORD_REACH = 30;
const ANNOUNCED_NIR_DIGITS = [10, 15] as const;
const ANNOUNCED_PHONE_DIGITS = [8, 13] as const;

interface Found {
  readonly span: IdentifierSpan;
  /** Index in the run just after the number. */
  readonly next: number;
}

/** NIRs and phone numbers, read from the digit runs of the text. */
export function findNirsAndPhones(text: string): IdentifierSpan[] {
  // Keywords are searched only when a run is long enough to need them: most requests have none.
  const nirKeywords = lazyKeywordEnds(text, NIR_KEYWORD);
  const phoneKeywords = lazyKeywordEnds(text, PHONE_KEYWORD);
  const announced = (ends: () => number[], run: DigitRun) =>
    ends().some((end) => end <= run.start && run.start - end <= KEYWORD_REACH);
  const spans: IdentifierSpan[] = [];
  for (const run of findDigitRuns(text)) {
    const length = run.chars.length;
    if (within(length, ANNOUNCED_NIR_DIGITS) && announced(nirKeywords, run)) {
      spans.push(spanOf(run, 'nir', 0, length));
      continue;
    }
    const before = spans.length;
    let i = 0;
    while (i < length) {
      const found = run.groupStart[i] ? (nirAt(run, i) ?? phoneAt(run, i)) : undefined;
      if (found) {
        spans.push(found.span);
        i = found.next;
      } else i++;
    }
    const nothingFound = spans.length === before;
    if (
      nothingFound &&
      within(length, ANNOUNCED_PHONE_DIGITS) &&
      !/[AB]/.test(run.chars) &&
      announced(phoneKeywords, run)
    ) {
      spans.push(spanOf(run, 'phone', 0, length));
    }
  }
  return spans;
}

function lazyKeywordEnds(text: string, keyword: RegExp): () => number[] {
  let ends: number[] | undefined;
  return () => {
    ends ??= [...text.matchAll(keyword)].map((m) => m.index + m[0].length);
    return ends;
  };
}

function within(n: number, [min, max]: readonly [number, number]): boolean {
  return n >= min && n <= max;
}

/**
 * A NIR with its key (a wrong key is taken for a typo: the shape is specific enough) or, without
 * key, a 13-character body of plausible shape.
 */
function nirAt(run: DigitRun, i: number): Found | undefined {
  const withKey = run.chars.slice(i, i + 15);
  if (
    withKey.length === 15 &&
    endsAtGroupEnd(run, i + 15) &&
    (isValidNir(withKey) || isPlausibleNirWithoutKey(withKey.slice(0, 13)))
  ) {
    return { span: spanOf(run, 'nir', i, i + 15), next: i + 15 };
  }
  const body = run.chars.slice(i, i + 13);
  if (body.length === 13 && endsAtGroupEnd(run, i + 13) && isPlausibleNirWithoutKey(body)) {
    return { span: spanOf(run, 'nir', i, i + 13), next: i + 13 };
  }
  return undefined;
}

/** French numbers (0X + 8 digits, +33 / 0033 / (33) + 9 digits) and other numbers written with '+'. */
function phoneAt(run: DigitRun, i: number): Found | undefined {
  // The longest number looked for has 15 digits; a longer window would only cost time on long runs.
  const rest = run.chars.slice(i, i + 16);
  if (/[AB]/.test(rest)) return undefined;
  const international = (run.prefixAt[i] ?? -1) >= 0;
  const codeAt = international ? 0 : rest.startsWith('0033') ? 2 : -1;
  if (codeAt >= 0 && rest.startsWith('33', codeAt)) {
    const afterCode = i + codeAt + 2;
    const national = run.chars[afterCode] === '0' ? afterCode + 1 : afterCode;
    const end = national + 9;
    if (/^[1-9]\d{8}$/.test(run.chars.slice(national, end)) && endsAtGroupEnd(run, end)) {
      return { span: spanOf(run, 'phone', i, end), next: end };
    }
  }
  const remaining = run.chars.length - i;
  if (international && within(remaining, [8, 15])) {
    return { span: spanOf(run, 'phone', i, run.chars.length), next: run.chars.length };
  }
  if (/^0[1-9]\d{8}/.test(rest) && endsAtGroupEnd(run, i + 10)) {
    return { span: spanOf(run, 'phone', i, i + 10), next: i + 10 };
  }
  return undefined;
}

/** The span of run characters `from`..`to`, with the '+' or '(' written before them. */
function spanOf(run: DigitRun, kind: 'nir' | 'phone', from: number, to: number): IdentifierSpan {
  const prefix = run.prefixAt[from] ?? -1;
  const start = prefix >= 0 ? prefix : (run.offsets[from] as number);
  return { kind, start, end: (run.offsets[to - 1] as number) + 1 };
}

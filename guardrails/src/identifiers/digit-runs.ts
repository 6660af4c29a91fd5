/**
 * Numbers as people type them: digits in groups separated by spaces, dots, dashes, slashes or
 * brackets ("06 12 34 56 78", "+33 (0)6.12.34.56.78", "1 85 03 2A 123 456 78"). Phone numbers and
 * NIRs are then looked for inside each run, starting only where a group starts.
 */
export interface DigitRun {
  /** Digits, and 'A'/'B' right after a '2' (the Corsican départements of a NIR), uppercase. */
  readonly chars: string;
  /** Offset in the text of each character of `chars`. */
  readonly offsets: readonly number[];
  /** A separator precedes the character (or it is the first one). */
  readonly groupStart: readonly boolean[];
  /**
   * For a group start written after '+' or '(' ("+33 6…", "(33) 2…"), the offset of that sign: the
   * group is an international prefix. -1 elsewhere.
   */
  readonly prefixAt: readonly number[];
  /** Start of the run in the text, including a leading '+' or '('. */
  readonly start: number;
}

const SEPARATORS = new Set([' ', '.', '-', '/', '(', ')', '\u00a0']);
const MAX_SEPARATOR_LENGTH = 3;

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isDigitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);

/**
 * A run may start right after a letter ("le0612345678", "Kennedy76"): numbers glued to a word are
 * still numbers, and the phone and NIR shapes checked afterwards are specific enough.
 */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigitAt(text, i) || isDigitAt(text, i - 1)) {
      i++;
      continue;
    }
    let chars = '';
    const offsets: number[] = [];
    const groupStart: boolean[] = [];
    const prefixAt: number[] = [];
    let atGroupStart = true;
    let j = i;
    while (j < text.length) {
      const ch = text[j] as string;
      const corsican =
        (ch === 'A' || ch === 'B' || ch === 'a' || ch === 'b') && chars.endsWith('2') && !atGroupStart;
      if (isDigit(ch) || (corsican && !isLetter(text[j + 1]))) {
        chars += ch.toUpperCase();
        offsets.push(j);
        groupStart.push(atGroupStart);
        prefixAt.push(atGroupStart ? internationalSignBefore(text, j) : -1);
        atGroupStart = false;
        j++;
        continue;
      }
      let k = j;
      while (k < text.length && k - j < MAX_SEPARATOR_LENGTH && SEPARATORS.has(text[k] as string)) k++;
      if (k > j && isDigit(text[k])) {
        atGroupStart = true;
        j = k;
        continue;
      }
      break;
    }
    const firstPrefix = prefixAt[0] ?? -1;
    runs.push({ chars, offsets, groupStart, prefixAt, start: firstPrefix >= 0 ? firstPrefix : i });
    i = j;
  }
  return runs;
}

/**
 * Offset of the '+' before `at` ("+33 6…", "+ 3 3…"), or of the '(' of a bracketed country code
 * ("(33) 2…"; not "(06 12…)"); -1 if none.
 */
function internationalSignBefore(text: string, at: number): number {
  let k = at - 1;
  while (k >= 0 && text[k] === ' ' && at - k <= 2) k--;
  if (text[k] === '+') return k;
  return text[k] === '(' && /^[1-9][\d ]{0,4}\)/.test(text.slice(at, at + 6)) ? k : -1;
}

/** The run's characters from `from` to `to` (exclusive) form whole groups. */
export function endsAtGroupEnd(run: DigitRun, to: number): boolean {
  return to === run.chars.length || (to < run.chars.length && run.groupStart[to] === true);
}

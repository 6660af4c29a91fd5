/**
 * Light French stemming for matching: folds plural and feminine forms onto one key so that a term
 * list entry ("divorcé", "musulman", "infirmier") also matches "divorcées", "musulmanes",
 * "infirmières". It is not a linguistic stemmer: two words only need the same key when the term
 * lists should treat them alike, and the same function runs on the lists and on the text.
 */

/** Feminine endings and their masculine counterparts; the first that fits applies. */
const FEMININE_ENDINGS: readonly (readonly [string, string])[] = [
  ['trice', 'teur'],
  ['euse', 'eur'],
  ['enne', 'en'],
  ['onne', 'on'],
  ['ette', 'et'],
  ['elle', 'el'],
  ['ive', 'if'],
  ['ere', 'er'],
  ['ffe', 'f'],
];

/** In shorter words these endings are part of the stem ("rive", "pire"), not a feminine. */
const MIN_LENGTH_FOR_FEMININE = 5;
const MIN_LENGTH_FOR_PLURAL = 4;
/** "élue" → "elu"; "une", "je" stay. */
const MIN_LENGTH_FOR_FINAL_E = 4;

/** `norm` must already be lowercase and accent-free (see `tokenise`). */
export function foldToken(norm: string): string {
  let word = norm;
  if (word.length >= MIN_LENGTH_FOR_PLURAL) word = foldPlural(word);
  if (word.length >= MIN_LENGTH_FOR_FEMININE) {
    for (const [feminine, masculine] of FEMININE_ENDINGS) {
      if (word.endsWith(feminine)) {
        word = word.slice(0, -feminine.length) + masculine;
        break;
      }
    }
  }
  // "divorcée" → "divorcee" → "divorce" → "divorc", the same key as "divorcé" and "divorce".
  if (word.endsWith('ee') && word.length >= MIN_LENGTH_FOR_FEMININE) word = word.slice(0, -1);
  if (word.endsWith('e') && word.length >= MIN_LENGTH_FOR_FINAL_E) word = word.slice(0, -1);
  return word;
}

function foldPlural(word: string): string {
  if (word.endsWith('eaux')) return word.slice(0, -1);
  // "hôpitaux", "sociaux", "médicaux" → "-al", the singular.
  if (word.endsWith('aux') && word.length > 4) return `${word.slice(0, -3)}al`;
  if (word.endsWith('x') && /[aeo]ux$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Word normalisation for matching job titles and skills written by hand against the ROME referential:
 * case, accents, feminine and plural forms and common abbreviations must not matter. The folding only
 * has to be applied the same way on both sides; it does not need to give the dictionary form
 * ("aide" and "secrétaire" become "aid" and "secretair", "sportif" and "sportive" both "sportiv").
 */

/** Articles and prepositions: a job title means the same with or without them. */
const STOP_WORDS = new Set([
  'a',
  'au',
  'aux',
  'avec',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'ou',
  'par',
  'pour',
  'sur',
  'un',
  'une',
]);

/** Shorthands counsellors write, expanded to the words of the referential (before folding). */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  dev: ['developpeur'],
  devs: ['developpeur'],
  developer: ['developpeur'],
  prog: ['programmeur'],
  compta: ['comptable'],
  info: ['informatique'],
  tech: ['technicien'],
  resp: ['responsable'],
  respo: ['responsable'],
  assmat: ['assistant', 'maternel'],
  ash: ['agent', 'service', 'hospitalier'],
  aes: ['accompagnant', 'educatif', 'social'],
  avs: ['auxiliaire', 'vie', 'sociale'],
  eje: ['educateur', 'jeunes', 'enfants'],
  amp: ['aide', 'medico', 'psychologique'],
  secu: ['securite'],
  elec: ['electricien'],
  rh: ['ressources', 'humaines'],
};

/**
 * Feminine and plural endings, longest first, mapped to the masculine singular stem. Final "e"s are
 * dropped afterwards, which also folds "-ante/-ant", "-ée/-é", "-ale/-al", "-aire".
 */
const ENDINGS: readonly [string, string][] = [
  ['euses', 'eur'],
  ['trices', 'teur'],
  ['ieres', 'ier'],
  ['eres', 'er'],
  ['ennes', 'en'],
  ['onnes', 'on'],
  ['elles', 'el'],
  ['ettes', 'et'],
  ['tresses', 'tre'],
  ['tesses', 'te'],
  ['drices', 'deur'],
  ['ifs', 'iv'],
  ['euse', 'eur'],
  ['trice', 'teur'],
  ['iere', 'ier'],
  ['ere', 'er'],
  ['enne', 'en'],
  ['onne', 'on'],
  ['elle', 'el'],
  ['ette', 'et'],
  ['tresse', 'tre'],
  ['tesse', 'te'],
  ['drice', 'deur'],
  ['if', 'iv'],
  ['aux', 'al'],
];

/** Feminine forms no ending rule gives. */
const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  cheffe: 'chef',
  cheffes: 'chef',
  barmaid: 'barman',
  designeuse: 'designer',
  camerawoman: 'cameraman',
};

/** Lowercase, without accents or ligatures. */
function plainText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** The words of a text, lowercase and without accents; apostrophes, hyphens and slashes separate. */
function plainWords(text: string): string[] {
  return plainText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** A word folded to the form it shares with its feminine and plural variants. */
function foldWord(word: string): string {
  const irregular = IRREGULAR_FORMS[word];
  if (irregular) return irregular;
  let folded = word;
  for (const [ending, replacement] of ENDINGS) {
    if (folded.length > ending.length + 1 && folded.endsWith(ending)) {
      folded = folded.slice(0, -ending.length) + replacement;
      break;
    }
  }
  // Plural first ("caristes"), then final e's, then an s they uncovered ("commise" and "commis").
  folded = withoutPluralS(folded);
  while (folded.length > 2 && folded.endsWith('e')) folded = folded.slice(0, -1);
  return withoutPluralS(folded);
}

function withoutPluralS(word: string): string {
  return word.length > 3 && /[^s]s$/.test(word) ? word.slice(0, -1) : word;
}

/** The meaningful words of a text, abbreviations expanded, folded. */
export function foldedWords(text: string): string[] {
  return plainWords(text)
    .flatMap((word) => ABBREVIATIONS[word] ?? [word])
    .filter((word) => !STOP_WORDS.has(word))
    .map(foldWord);
}

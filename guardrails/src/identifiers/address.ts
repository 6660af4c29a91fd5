import { normaliseText } from '../tokenise';
import type { IdentifierSpan } from './span';

/**
 * Street addresses: "12 rue des Lilas", "3 bis avenue Jean Jaurès", "lieu-dit Le Moulin",
 * "habite place du Marché". The postcode and the town are left out on purpose: a town is not an
 * identifier on its own, and the retriever needs it to find a training nearby.
 */
/** Digits may be glued to the word before ("Kennedy76 rue…"); a number in words may not ("aucun"). */
const HOUSE_NUMBER =
  '(?:(?<!\\d)\\d{1,4}(?:\\s?[-/]\\s?\\d{1,4})?(?:\\s?(?:bis|ter|quater|[abt])\\b)?|(?<![\\p{L}\\p{N}])(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix))';
/** Words that name nothing but a street: the name after them may be typed in lowercase. */
const STREET_TYPES =
  'rue|avenue|av\\.?|ave|boulevard|bd|bld|blvd|impasse|imp\\.|all[ée]e|quai|faubourg|fbg|chauss[ée]e|rond[- ]point|ruelle|venelle|rte|lotissement|hameau|lieu[- ]?dit';
/** Words that are also ordinary nouns ("2 cours de yoga", "1 place disponible"): the name must be capitalised. */
const AMBIGUOUS_STREET_TYPES =
  'place|pl\\.|chemin|ch\\.|route|cours|square|sq\\.|passage|r[ée]sidence|sentier|voie|cit[ée]|parvis|esplanade|promenade|villa|domaine|mont[ée]e|c[ôo]te|mail|clos|carrefour|traverse|sente|lev[ée]e|quartier|parc|zone|za|zi|zac';
const TYPE_GROUPS = `(?:(${STREET_TYPES})|(${AMBIGUOUS_STREET_TYPES}))(?![\\p{L}\\p{N}])`;

const NUMBERED_ADDRESS = new RegExp(`${HOUSE_NUMBER}\\s*,?\\s*${TYPE_GROUPS}`, 'giu');
const PLACE_WITHOUT_NUMBER =
  /(?<![\p{L}\p{N}])(?:lieu[- ]?dit|hameau|r[ée]sidence|lotissement)(?![\p{L}\p{N}])/giu;
const DWELLING = new RegExp(
  `(?:habite|domicili[ée]e?|r[ée]side|demeurant|vit)\\s+(?:(?:au|à|a|:)\\s*)?${TYPE_GROUPS}`,
  'giu',
);

const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'au', 'aux', 'sur', 'sous', 'en']);
const NAME_WORD = /[^\S\n]*([\p{L}\p{M}][\p{L}\p{M}'’.-]*|\d{1,3}(?:er|e|ème)?(?![\p{L}\p{N}]))/uy;
const COMPLEMENT =
  /^,?\s*(?:appt|apt|appartement|b[âa]t(?:iment)?|studio|[ée]tage|esc(?:alier)?|porte|logement)\.?\s*[\p{L}\p{N}-]+/iu;
const MAX_NAME_WORDS = 8;

export function findAddresses(text: string, knownWords: ReadonlySet<string>): IdentifierSpan[] {
  const spans: IdentifierSpan[] = [];
  const add = (start: number, nameFrom: number, lowercaseAllowed: boolean) => {
    const end = streetNameEnd(text, nameFrom, lowercaseAllowed, knownWords);
    if (end !== undefined) spans.push({ kind: 'address', start, end: withComplement(text, end) });
  };
  for (const m of text.matchAll(NUMBERED_ADDRESS)) add(m.index, m.index + m[0].length, m[1] !== undefined);
  for (const m of text.matchAll(PLACE_WITHOUT_NUMBER)) add(m.index, m.index + m[0].length, false);
  for (const m of text.matchAll(DWELLING)) {
    const typeStart = m.index + m[0].length - (m[1] ?? m[2] ?? '').length;
    add(typeStart, m.index + m[0].length, m[1] !== undefined);
  }
  return spans;
}

/**
 * Where the street name ends: particles and capitalised words go on; a lowercase word goes on only
 * when `lowercaseAllowed` and it is the first word of the name or not an ordinary French word
 * ("rue des lilas" but not "rue des Lilas et cherche une formation").
 */
function streetNameEnd(
  text: string,
  from: number,
  lowercaseAllowed: boolean,
  knownWords: ReadonlySet<string>,
): number | undefined {
  let end: number | undefined;
  let afterParticle = false;
  NAME_WORD.lastIndex = from;
  for (let words = 0; words < MAX_NAME_WORDS; words++) {
    const m = NAME_WORD.exec(text);
    if (!m) break;
    const raw = m[1] as string;
    // A final dot ends the sentence, except after a short abbreviation ("St.", "Gal.").
    const word = raw.replace(/(?<=\p{L}{4,})\.$/u, '');
    const wordEnd = m.index + m[0].length - (raw.length - word.length);
    const core = word.slice(Math.max(word.lastIndexOf("'"), word.lastIndexOf('’')) + 1);
    const capitalised = /^\p{Lu}/u.test(core);
    if (!capitalised && PARTICLES.has(normaliseText(word))) {
      afterParticle = true;
      continue;
    }
    const isNumber = /^\d/.test(word);
    const accepted =
      capitalised ||
      (isNumber && afterParticle) ||
      (!isNumber && lowercaseAllowed && (end === undefined || !knownWords.has(normaliseText(core))));
    if (!accepted) break;
    end = wordEnd;
    afterParticle = false;
  }
  return end;
}

function withComplement(text: string, end: number): number {
  const complement = COMPLEMENT.exec(text.slice(end, end + 40));
  return complement ? end + complement[0].length : end;
}

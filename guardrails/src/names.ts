import type { IdentifierSpan } from './identifiers/span';
import { coveredBy } from './identifiers/span';
import { normaliseWord, type Token } from './tokenise';

export interface NameLexicon {
  /** INSEE first names, normalised ("anne-sophie"). */
  readonly firstNames: ReadonlySet<string>;
  /** First names that are also ordinary words, places or brands: a name only in a name context. */
  readonly ambiguousFirstNames: ReadonlySet<string>;
  /** Ordinary French words, normalised: not taken for a surname on their own. */
  readonly ordinaryWords: ReadonlySet<string>;
  /** Words of the sensitive term lists: never part of a name, so that "le patient bipolaire" stays a term. */
  readonly sensitiveWords: ReadonlySet<string>;
}

type Shape = 'upper' | 'title' | 'initial' | 'lower';

interface Word {
  readonly start: number;
  readonly end: number;
  /** Normalised, hyphens kept: "anne-sophie". */
  readonly key: string;
  readonly shape: Shape;
  /** Text between the previous word and this one (including any skipped identifier or number). */
  readonly gapBefore: string;
  /** Followed by a dot: "J." is an initial, "J'" is not. */
  readonly dotAfter: boolean;
}

type NameKind = 'first_name' | 'last_name';

const HONORIFICS = new Set([
  'monsieur',
  'madame',
  'mademoiselle',
  'mme',
  'mlle',
  'melle',
  'mr',
  'dr',
  'docteur',
  'pr',
  'professeur',
]);
/**
 * "le candidat Dupont", "l'enfant Téana", "Patient : Aubrun": a role, then possibly the name. Only
 * after a determiner or before a colon, since "patient" or "enfant" are also ordinary words.
 */
const ROLES = new Set([
  'candidat',
  'candidate',
  'beneficiaire',
  'demandeur',
  'demandeuse',
  'stagiaire',
  'usager',
  'usagere',
  'patient',
  'patiente',
  'enfant',
  'apprenti',
  'apprentie',
  'salarie',
  'salariee',
]);
const DETERMINERS = new Set(['le', 'la', 'l', 'ce', 'cette', 'notre', 'votre', 'du', 'au', 'un', 'une']);
/** "s'appelle Julie", "prénommée Rose", "nom : Martin". */
const NAMING_WORDS = new Set(['nomme', 'prenomme', 'denomme', 'surnomme', 'prenom', 'nom']);
/** A first name right before one of these verbs is the subject: "Rose cherche une formation". */
const SUBJECT_VERBS = new Set([
  'cherche',
  'recherche',
  'souhaite',
  'souhaiterait',
  'veut',
  'voudrait',
  'aimerait',
  'a',
  'est',
  'etait',
  'avait',
  'vise',
  'envisage',
  'demande',
  'travaille',
  'habite',
  'dispose',
  'possede',
  'prepare',
  'suit',
  'hesite',
  'pense',
  'desire',
  'doit',
  'peut',
  'vient',
  'reprend',
  'commence',
  'termine',
  's',
  'n',
  'se',
  'ne',
  'sera',
  'serait',
  'aura',
]);
/**
 * The verbs of a counsellor's request whose subject is the jobseeker: "Xyzanne souhaite se former".
 * Narrower than SUBJECT_VERBS, since here the word before them is in no first-name list: a rare
 * first name the INSEE slice lacks must not be the one identifier that reaches the model.
 */
const WISH_VERBS = new Set([
  'souhaite',
  'souhaiterait',
  'veut',
  'voudrait',
  'aimerait',
  'cherche',
  'recherche',
  'envisage',
  'hesite',
  'desire',
  'vise',
  'reve',
  'projette',
]);
/** "lycée Jean Moulin", "rue Victor Hugo", "Saint Pierre": a place or an institution, not a person. */
const PLACE_WORDS = new Set([
  'lycee',
  'college',
  'ecole',
  'universite',
  'faculte',
  'iut',
  'institut',
  'rue',
  'avenue',
  'boulevard',
  'bd',
  'place',
  'allee',
  'quai',
  'impasse',
  'chemin',
  'route',
  'square',
  'cours',
  'hopital',
  'clinique',
  'chu',
  'centre',
  'stade',
  'gare',
  'fondation',
  'musee',
  'campus',
  'residence',
  'pont',
  'parc',
  'saint',
  'sainte',
  'st',
  'ste',
  'groupe',
  'gymnase',
  'salle',
  'mediatheque',
  'bibliotheque',
  'espace',
  'maison',
  'theatre',
  'cinema',
  'station',
  'metro',
  'aeroport',
  'port',
  'cite',
  'quartier',
  'prix',
  'loi',
  'plan',
  'programme',
]);
const FUNCTION_WORDS = new Set([
  'le',
  'la',
  'les',
  'l',
  'de',
  'du',
  'des',
  'd',
  'un',
  'une',
  'et',
  'ou',
  'a',
  'au',
  'aux',
  'en',
  'dans',
  'sur',
  'pour',
  'par',
  'avec',
  'sans',
  'chez',
  'ce',
  'cette',
  'ces',
  'son',
  'sa',
  'ses',
  'il',
  'elle',
  'on',
  'nous',
  'vous',
  'ils',
  'elles',
  'qui',
  'que',
  'est',
  'mais',
  'donc',
  'car',
  'ne',
  'pas',
  'plus',
  'tres',
  'y',
]);
/** Honorifics, roles and the labels that follow a name in a note ("Julie Petit Tél : …"): capitalised, no name. */
const NOT_A_NAME = new Set([
  ...HONORIFICS,
  ...ROLES,
  'tel',
  'mail',
  'email',
  'courriel',
  'adresse',
  'contact',
  'portable',
  'mobile',
  'fax',
  'rdv',
  'dossier',
  'ne',
  'nee',
  'service',
]);
const NAME_PARTICLES = new Set([
  'de',
  'du',
  'des',
  'le',
  'la',
  'van',
  'von',
  'da',
  'di',
  'del',
  'ben',
  'el',
  'ibn',
]);
/** Given names run long in records: "Dr Gaston Victor Marcel Delaborde". */
const MAX_NAME_WORDS = 5;
/** In capitals, shorter ordinary words are acronyms ("Julie CAP"); longer ones surnames ("Alexis GROS"). */
const MIN_UPPERCASE_SURNAME = 4;
const MIN_LOWERCASE_NAME = 3;
/** "J.-P. M.": more initials in a row are no name. */
const MAX_INITIALS = 3;

/**
 * Person names, found by a few rules over the words of the text:
 * - a name introduced by an honorific, a naming verb or a role ("Mme Martin", "s'appelle Rose",
 *   "le candidat Dupont");
 * - initials and a surname ("J. Dupont", "Dupont J.");
 * - a capitalised INSEE first name, with the surname written before or after it ("Julie Petit",
 *   "DUPONT Julie", "Dupont, Julie"); a first name that is also an ordinary word ("Rose", "France")
 *   needs a surname or a verb after it;
 * - a lowercase first name next to an unknown word ("odile baron");
 * - unknown capitalised words opening a sentence before a wish verb ("Xyzanne souhaite…").
 * Words inside `occupied` spans (identifiers, sensitive terms) are never part of a name.
 */
export function findPersonNames(
  text: string,
  tokens: readonly Token[],
  lexicon: NameLexicon,
  occupied: readonly { start: number; end: number }[],
): IdentifierSpan[] {
  const finder = new NameFinder(readWords(text, tokens, occupied), lexicon);
  return finder.run();
}

class NameFinder {
  private readonly spans: IdentifierSpan[] = [];
  private readonly taken = new Set<number>();

  constructor(
    private readonly words: readonly Word[],
    private readonly lexicon: NameLexicon,
  ) {}

  run(): IdentifierSpan[] {
    for (let i = 0; i < this.words.length; i++) {
      if (this.taken.has(i)) continue;
      const skipTo =
        this.introducedName(i) ??
        this.initialsThenSurname(i) ??
        this.surnameThenInitials(i) ??
        this.capitalisedFirstName(i) ??
        this.lowercaseFirstName(i) ??
        this.unknownNameBeforeWish(i);
      if (skipTo !== undefined) i = skipTo;
    }
    return this.spans.sort((a, b) => a.start - b.start);
  }

  private emit(i: number, kind: NameKind): void {
    const w = this.words[i];
    if (!w || this.taken.has(i)) return;
    this.taken.add(i);
    this.spans.push({ kind, start: w.start, end: w.end });
  }

  /** "Mme Sophie Martin", "M. Dupont", "s'appelle Julie", "le candidat Durand". Returns the last word index handled. */
  private introducedName(i: number): number | undefined {
    const introduction = this.introductionAt(i);
    if (!introduction) return undefined;
    const sequence: number[] = [];
    for (let j = i + 1; j < this.words.length && sequence.length < MAX_NAME_WORDS; j++) {
      const w = this.words[j] as Word;
      // Spaces and the dot of an abbreviation ("M. Dupont", "Dr. A. Martin"), a colon after "nom"; no line break.
      const gapAllowed =
        j === i + 1 ? /^[^\S\n]*[.:]?[^\S\n]*$/.test(w.gapBefore) : /^[^\S\n]*\.?[^\S\n]*$/.test(w.gapBefore);
      if (!gapAllowed) break;
      const next = this.words[j + 1];
      const nextIsName = next !== undefined && next.shape !== 'lower' && !next.gapBefore.includes('\n');
      // "M. Le Gall", "Mme de La Fontaine": a particle belongs to the name that follows it.
      if (NAME_PARTICLES.has(w.key) && nextIsName) {
        sequence.push(j);
        continue;
      }
      if (!this.continuesIntroducedName(w, sequence, introduction, nextIsName)) break;
      sequence.push(j);
    }
    while (sequence.length > 0 && NAME_PARTICLES.has((this.words[sequence.at(-1) as number] as Word).key))
      sequence.pop();
    // A lone word after "M." or "Mme" is the surname; after "s'appelle", a first name if it is one.
    sequence.forEach((j, position) => {
      const w = this.words[j] as Word;
      const lone = sequence.length === 1;
      const givenNamePosition = lone
        ? introduction === 'naming'
        : position < sequence.length - 1 || w.shape === 'lower';
      this.emit(j, givenNamePosition && this.isFirstName(w.key) ? 'first_name' : 'last_name');
    });
    return sequence.at(-1) ?? i;
  }

  private continuesIntroducedName(
    w: Word,
    sequence: readonly number[],
    introduction: 'honorific' | 'naming' | 'role',
    nextIsName: boolean,
  ): boolean {
    if (this.lexicon.sensitiveWords.has(w.key)) return false;
    const previous = this.words[sequence.at(-1) ?? -1];
    const afterGivenName =
      sequence.length === 1 &&
      previous !== undefined &&
      (previous.shape === 'initial' || this.isFirstName(previous.key));
    if (w.shape === 'initial') return w.dotAfter || nextIsName;
    if (w.shape === 'lower') {
      // "Mme colombies", "Dr Caroline pidoux", "Mme krajewski patrice"; never "Madame souhaite".
      if (
        w.key.length < MIN_LOWERCASE_NAME ||
        this.lexicon.ordinaryWords.has(w.key) ||
        FUNCTION_WORDS.has(w.key)
      ) {
        return false;
      }
      if (sequence.length === 0) return introduction !== 'naming' || this.isFirstName(w.key);
      return afterGivenName || this.isFirstName(w.key);
    }
    if (FUNCTION_WORDS.has(w.key) || NOT_A_NAME.has(w.key)) return false;
    // Past the first word, or the surname right after a given name, an ordinary word ends the name: "Pr. Maxime Breban Tel".
    if (sequence.length === 0) return introduction !== 'role' || !this.lexicon.ordinaryWords.has(w.key);
    return afterGivenName || !this.lexicon.ordinaryWords.has(w.key);
  }

  private introductionAt(i: number): 'honorific' | 'naming' | 'role' | undefined {
    const w = this.words[i] as Word;
    const abbreviatedMonsieur = w.shape === 'initial' && w.key === 'm' && w.dotAfter;
    // "dr" and "pr" in lowercase are more often abbreviations of something else.
    const lowercaseTitle = (w.key === 'dr' || w.key === 'pr') && w.shape === 'lower';
    if ((HONORIFICS.has(w.key) && !lowercaseTitle) || abbreviatedMonsieur) return 'honorific';
    const before = this.words[i - 1]?.key;
    if (ROLES.has(w.key)) {
      const announced =
        DETERMINERS.has(before ?? '') || (this.words[i + 1]?.gapBefore.includes(':') ?? false);
      return announced ? 'role' : undefined;
    }
    if (w.key === 'appelle') return before === 's' || before === 'm' ? 'naming' : undefined;
    if (NAMING_WORDS.has(w.key)) return 'naming';
    return w.key.endsWith('e') && NAMING_WORDS.has(w.key.slice(0, -1)) ? 'naming' : undefined;
  }

  /** "J. Dupont", "P.E. Jilliot". */
  private initialsThenSurname(i: number): number | undefined {
    const w = this.words[i] as Word;
    if (w.shape !== 'initial' || !w.dotAfter) return undefined;
    let last = i;
    while (last - i < MAX_INITIALS - 1 && this.isInitialAfterInitial(last + 1)) last++;
    const surname = this.words[last + 1];
    if (!surname || !/^[.\s]*$/.test(surname.gapBefore) || !this.isSurname(surname, true)) return undefined;
    for (let j = i; j <= last; j++) this.emit(j, 'first_name');
    this.emit(last + 1, 'last_name');
    return last + 1;
  }

  /** "MEVEL C.", "Dupont J.". */
  private surnameThenInitials(i: number): number | undefined {
    const w = this.words[i] as Word;
    const initial = this.adjacent(i + 1);
    if (initial?.shape !== 'initial' || !initial.dotAfter) return undefined;
    if (!this.isSurname(w, true) || this.isFirstName(w.key)) return undefined;
    this.emit(i, 'last_name');
    this.emit(i + 1, 'first_name');
    let last = i + 1;
    while (last - i < MAX_INITIALS && this.isInitialAfterInitial(last + 1)) this.emit(++last, 'first_name');
    return last;
  }

  /** "P.E.", "J.-P.": an initial right after another. */
  private isInitialAfterInitial(j: number): boolean {
    const w = this.words[j];
    return w?.shape === 'initial' && /^[.\s-]*$/.test(w.gapBefore);
  }

  /** "Julie", "Julie Petit", "DUPONT Julie", "Dupont, Julie", "Rose cherche…". */
  private capitalisedFirstName(i: number): number | undefined {
    const w = this.words[i] as Word;
    if ((w.shape !== 'title' && w.shape !== 'upper') || !this.isFirstName(w.key)) return undefined;
    if (this.followsPlaceWord(i)) {
      // "université Claude Bernard": the whole capitalised name belongs to the place.
      let j = i;
      while (this.adjacent(j + 1)?.shape === 'title' || this.adjacent(j + 1)?.shape === 'upper') j++;
      return j;
    }
    // In capitals a first name may be an acronym ("IBAN", "ALICE"): it needs a neighbouring name.
    const ambiguous = this.isAmbiguousFirstName(w.key) || w.shape === 'upper';
    const surnameBefore = this.surnameWrittenBefore(i);
    const next = this.adjacent(i + 1);
    const surnameAfter =
      next !== undefined && (this.isSurname(next, ambiguous) || this.isLowercaseSurname(next));
    if (ambiguous && surnameBefore === undefined && !surnameAfter && !(next && SUBJECT_VERBS.has(next.key))) {
      return undefined;
    }
    if (surnameBefore !== undefined) this.emit(surnameBefore, 'last_name');
    this.emit(i, 'first_name');
    let last = i;
    for (let j = i + 1; j < i + MAX_NAME_WORDS; j++) {
      const candidate = this.adjacent(j);
      const lowercaseAllowed = j === i + 1;
      if (
        !candidate ||
        !(this.isSurname(candidate, ambiguous) || (lowercaseAllowed && this.isLowercaseSurname(candidate)))
      ) {
        break;
      }
      this.emit(j, 'last_name');
      last = j;
    }
    return last;
  }

  /** "krier franck", "odile baron": a lowercase first name needs an unknown word next to it. */
  private lowercaseFirstName(i: number): number | undefined {
    const w = this.words[i] as Word;
    if (w.shape !== 'lower' || w.key.length < MIN_LOWERCASE_NAME || !this.isFirstName(w.key))
      return undefined;
    if (this.isAmbiguousFirstName(w.key)) return undefined;
    if (this.lexicon.ordinaryWords.has(w.key) || w.key.length < MIN_LOWERCASE_NAME) return undefined;
    const previous = this.taken.has(i - 1) ? undefined : this.adjacent(i - 1, i);
    const next = this.adjacent(i + 1);
    const before = previous !== undefined && this.isUnknownWord(previous);
    const after = next !== undefined && (this.isUnknownWord(next) || this.isSurname(next, true));
    if (!before && !after) return undefined;
    if (before) this.emit(i - 1, 'last_name');
    this.emit(i, 'first_name');
    if (after) this.emit(i + 1, 'last_name');
    return after ? i + 1 : i;
  }

  /**
   * "Xyzanne souhaite…", "Xyzanne Abcde cherche…": capitalised words we do not know, opening a
   * sentence, right before a wish verb, are the jobseeker's name even when no list has it.
   */
  private unknownNameBeforeWish(i: number): number | undefined {
    const first = this.words[i] as Word;
    const opensSentence = i === 0 || /[.!?:;\n]\s*$/.test(first.gapBefore);
    if (!opensSentence || !this.isUnknownCapitalised(first)) return undefined;
    let last = i;
    while (last - i < MAX_NAME_WORDS - 1) {
      const next = this.adjacent(last + 1);
      if (!next || !this.isUnknownCapitalised(next)) break;
      last++;
    }
    const verb = this.adjacent(last + 1);
    if (!verb || !WISH_VERBS.has(verb.key)) return undefined;
    this.emit(i, 'first_name');
    for (let j = i + 1; j <= last; j++) this.emit(j, 'last_name');
    return last;
  }

  private isUnknownCapitalised(word: Word): boolean {
    return (
      word.shape === 'title' &&
      !this.lexicon.ordinaryWords.has(word.key) &&
      !this.lexicon.sensitiveWords.has(word.key) &&
      !FUNCTION_WORDS.has(word.key) &&
      !NOT_A_NAME.has(word.key) &&
      !PLACE_WORDS.has(word.key)
    );
  }

  /** Index of a surname written before the first name at `i`: "DUPONT Julie", "pour Zeer Jeanne", "Dupont, Julie". */
  private surnameWrittenBefore(i: number): number | undefined {
    const w = this.words[i] as Word;
    const previous = this.words[i - 1];
    if (!previous || this.taken.has(i - 1) || this.isFirstName(previous.key)) return undefined;
    if (isPlainGap(w.gapBefore)) return this.isSurname(previous, true) ? i - 1 : undefined;
    // "CAVARLE, ANDRE", "Patient : Aubrun, Jean-Luc": inverted order, at the start of a line or after a colon.
    const inverted = /^,[^\S\n]*$/.test(w.gapBefore) && (i === 1 || /[:\n]\s*$/.test(previous.gapBefore));
    const surnameShaped = this.isSurname(previous, true) || this.isLowercaseSurname(previous);
    return inverted && surnameShaped ? i - 1 : undefined;
  }

  private isFirstName(key: string): boolean {
    if (this.lexicon.firstNames.has(key)) return true;
    if (!key.includes('-')) return false;
    const parts = key.split('-');
    // "Saint-Étienne", "Sainte-Marie": a place, though both parts are first names.
    if (parts.length < 2 || PLACE_WORDS.has(parts[0] as string)) return false;
    return parts.every((p) => this.lexicon.firstNames.has(p));
  }

  private isAmbiguousFirstName(key: string): boolean {
    return (
      this.lexicon.ambiguousFirstNames.has(key) ||
      key.split('-').every((p) => this.lexicon.ambiguousFirstNames.has(p))
    );
  }

  /**
   * A capitalised word next to a first name. After an unambiguous first name any capitalised word
   * but a function word will do ("Julie Petit"); after an ambiguous one it must not be an ordinary
   * word, so that "France Travail" or "Marine nationale" stay.
   */
  private isSurname(word: Word, strict: boolean): boolean {
    if (word.shape !== 'title' && word.shape !== 'upper') return false;
    if (word.key.replace(/-/g, '').length < 2) return false;
    if (
      FUNCTION_WORDS.has(word.key) ||
      NOT_A_NAME.has(word.key) ||
      this.lexicon.sensitiveWords.has(word.key)
    ) {
      return false;
    }
    if (strict) return !this.lexicon.ordinaryWords.has(word.key);
    if (word.shape === 'upper')
      return word.key.length >= MIN_UPPERCASE_SURNAME || !this.lexicon.ordinaryWords.has(word.key);
    return true;
  }

  /** "Yvonne gille": a lowercase surname must be no word we know. */
  private isLowercaseSurname(word: Word): boolean {
    return word.shape === 'lower' && this.isUnknownWord(word);
  }

  private isUnknownWord(word: Word): boolean {
    return (
      word.key.length >= MIN_LOWERCASE_NAME &&
      !this.lexicon.ordinaryWords.has(word.key) &&
      !this.lexicon.sensitiveWords.has(word.key) &&
      !FUNCTION_WORDS.has(word.key) &&
      !NOT_A_NAME.has(word.key)
    );
  }

  /** Word `j` if only spaces separate it from its neighbour (`from`, default the word before). */
  private adjacent(j: number, from = j): Word | undefined {
    const w = this.words[from];
    if (!w || !this.words[j] || !isPlainGap(w.gapBefore)) return undefined;
    return this.words[j];
  }

  private followsPlaceWord(i: number): boolean {
    const previous = this.words[i - 1];
    if (!previous) return false;
    if (PLACE_WORDS.has(previous.key)) return true;
    const beforePrevious = this.words[i - 2];
    return previous.shape === 'lower' && beforePrevious !== undefined && PLACE_WORDS.has(beforePrevious.key);
  }
}

/**
 * Words made of letters (hyphenated compounds joined: "Anne-Sophie"), outside the `occupied` spans;
 * the gap before a word includes whatever it skips (digits, an e-mail address...).
 */
function readWords(
  text: string,
  tokens: readonly Token[],
  occupied: readonly { start: number; end: number }[],
): Word[] {
  const inOccupied = coveredBy(tokens, occupied);
  const words: Word[] = [];
  let previousEnd = 0;
  for (let t = 0; t < tokens.length; t++) {
    const first = tokens[t] as Token;
    let last = first;
    let key = first.norm;
    let occupiedWord = inOccupied[t] === true;
    while (last.hyphenNext && tokens[t + 1] !== undefined) {
      last = tokens[++t] as Token;
      key += `-${last.norm}`;
      occupiedWord ||= inOccupied[t] === true;
    }
    if (occupiedWord || hasDigit(key)) continue;
    words.push({
      start: first.start,
      end: last.end,
      key,
      shape: shapeOf(text, first.start, last.end),
      gapBefore: text.slice(previousEnd, first.start),
      dotAfter: text[last.end] === '.',
    });
    previousEnd = last.end;
  }
  return words;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function shapeOf(text: string, start: number, end: number): Shape {
  const code = text.charCodeAt(start);
  const capital = code < 128 ? code >= 65 && code <= 90 : text[start] !== text[start]?.toLowerCase();
  if (!capital) return 'lower';
  if (end - start === 1) return text[end] === '°' ? 'lower' : 'initial';
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 ? c >= 97 && c <= 122 : text[i] !== text[i]?.toUpperCase()) return 'title';
  }
  return 'upper';
}

function isPlainGap(gap: string): boolean {
  return /^[^\S\n]+$/.test(gap);
}

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 50_000;

/** Normalised form of a name: "Anne-Sophie" → "anne-sophie". */
export function nameKey(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = normaliseWord(name.trim());
    keyCache.set(name, key);
  }
  return key;
}

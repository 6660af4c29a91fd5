import { foldToken } from './fold';

/** A word of the original text, with its offsets and the forms used for matching. */
export interface Token {
  /** Lowercase and accent-free ("Hôpital" → "hopital"). */
  readonly norm: string;
  /** Matching key: `norm` with plural and feminine folded (see `foldToken`). */
  readonly key: string;
  /** Offsets in the original text, in UTF-16 code units, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Glued to the next token by a hyphen ("séro-positif"), so the pair may also be read as one word. */
  readonly hyphenNext: boolean;
  /** A clause boundary (punctuation, line break, or a conjunction such as "car") lies just before. */
  readonly clauseStart: boolean;
  /** First word of the text or of a sentence (after '.', '!', '?' or a line break). */
  readonly sentenceStart: boolean;
  readonly isNumber: boolean;
}

const NUMBER_WORDS = new Set([
  'un',
  'une',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
]);

/** Words that open a new clause: a cue before them says nothing about what follows. */
const CLAUSE_CONJUNCTIONS = new Set([
  'car',
  'mais',
  'parce',
  'puisque',
  'cependant',
  'pourtant',
  'toutefois',
  'neanmoins',
  'sinon',
  'donc',
]);

const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const CLAUSE_PUNCTUATION = new Set(
  [...'.,;:!?()[]{}|/\n\r\u2013\u2014\u2026\u2022*'].map((c) => c.charCodeAt(0)),
);
const SENTENCE_PUNCTUATION = new Set([...'.!?\n\r\u2026'].map((c) => c.charCodeAt(0)));

/** Normalised form of a non-ASCII character; `null` when it separates words. */
const nonAsciiCache = new Map<string, string | null>();

/**
 * Normalised form of the UTF-16 code unit at `i`: a lowercase accent-free string for letters and
 * digits, '' for a combining mark (part of the word, adds nothing), `null` for a separator.
 */
function normaliseChar(text: string, i: number): string | null {
  if (i >= text.length) return null;
  const code = text.charCodeAt(i);
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return text[i] as string;
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    return null;
  }
  const ch = text[i] as string;
  let normalised = nonAsciiCache.get(ch);
  if (normalised === undefined) {
    normalised = normaliseNonAscii(ch);
    nonAsciiCache.set(ch, normalised);
  }
  return normalised;
}

function normaliseNonAscii(ch: string): string | null {
  if (/\p{M}/u.test(ch)) return '';
  if (!/[\p{L}\p{N}]/u.test(ch)) return null;
  const lower = ch.toLowerCase();
  if (lower === 'œ') return 'oe';
  if (lower === 'æ') return 'ae';
  if (lower === 'ß') return 'ss';
  return lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Lowercase, accent-free form of a whole string, separators kept as single spaces. */
export function normaliseText(text: string): string {
  return tokenise(text)
    .map((t) => t.norm)
    .join(' ');
}

/** Lowercase, accent-free form of one word, hyphens kept: "Anne-Sophie" → "anne-sophie". */
export function normaliseWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const normalised = normaliseChar(word, i);
    if (normalised !== null) out += normalised;
    else if (HYPHENS.has(word[i] as string)) out += '-';
  }
  return out;
}

interface WordForms {
  readonly norm: string;
  readonly key: string;
  readonly isNumber: boolean;
  readonly isConjunction: boolean;
}

/** Normalising and folding are pure and the vocabulary of requests is small: each spelling is read once. */
const formsCache = new Map<string, WordForms>();
const FORMS_CACHE_LIMIT = 50_000;

function formsOf(raw: string): WordForms {
  let forms = formsCache.get(raw);
  if (forms === undefined) {
    if (formsCache.size >= FORMS_CACHE_LIMIT) formsCache.clear();
    const norm = normaliseWord(raw);
    forms = {
      norm,
      key: foldToken(norm),
      isNumber: isDigits(norm) || NUMBER_WORDS.has(norm),
      isConjunction: CLAUSE_CONJUNCTIONS.has(norm),
    };
    formsCache.set(raw, forms);
  }
  return forms;
}

/** Letters, digits and combining marks (a decomposed "é" stays in its word). */
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Splits the text into words. Apostrophes split elisions ("l'asthme" → "l", "asthme"), hyphens split
 * compounds but are remembered, every other non-letter separates; offsets point into `text`.
 */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let clauseStart = true;
  let sentenceStart = true;
  let previousEnd = 0;
  for (const m of text.matchAll(WORD_RUN)) {
    const start = m.index;
    for (let i = previousEnd; i < start; i++) {
      const code = text.charCodeAt(i);
      if (CLAUSE_PUNCTUATION.has(code)) clauseStart = true;
      if (SENTENCE_PUNCTUATION.has(code)) sentenceStart = true;
    }
    const previous = tokens[tokens.length - 1];
    if (previous && start - previousEnd === 1 && HYPHENS.has(text[previousEnd] as string)) {
      tokens[tokens.length - 1] = { ...previous, hyphenNext: true };
    }
    const end = start + m[0].length;
    previousEnd = end;
    const forms = formsOf(m[0]);
    if (forms.norm === '') continue;
    tokens.push({
      norm: forms.norm,
      key: forms.key,
      start,
      end,
      hyphenNext: false,
      clauseStart: clauseStart || forms.isConjunction,
      sentenceStart,
      isNumber: forms.isNumber,
    });
    clauseStart = false;
    sentenceStart = false;
  }
  return tokens;
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

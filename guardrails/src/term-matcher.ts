import type { SensitiveCategory } from './categories';
import { foldToken } from './fold';
import { NUMBER_PLACEHOLDER, type TermLine } from './term-file';
import { NUMBER_KEY, TokenTrie, type TrieNode } from './token-trie';
import type { Token } from './tokenise';
import { tokenise } from './tokenise';
import { TypoIndex } from './typo-index';

/** What an entry of the compiled lists says about the words it matches. */
export type TermRole =
  | { readonly kind: 'sensitive'; readonly category: SensitiveCategory; readonly weak: boolean }
  /** A job or domain expression ("métiers du handicap"): neutralises the terms inside it. */
  | { readonly kind: 'job_context' }
  /** "formation", "devenir", "auprès"...: what follows describes the job aimed at. */
  | { readonly kind: 'job_cue' }
  /** "il est", "souffre", "sa"...: what follows describes the person. */
  | { readonly kind: 'personal_cue' };

export interface TermMatch {
  readonly role: TermRole;
  /** Token range, end exclusive. */
  readonly startToken: number;
  readonly endToken: number;
  /** Reached through a one-letter typo correction. */
  readonly fuzzy: boolean;
}

export interface TermLists {
  readonly sensitive: Readonly<Record<SensitiveCategory, readonly TermLine[]>>;
  readonly jobContext: readonly string[];
  readonly jobCues: readonly string[];
  readonly personalCues: readonly string[];
  /** Ordinary French words (normalised): never "corrected" into a sensitive term. */
  readonly knownWords: Iterable<string>;
}

/** Typo correction only on long words: on short ones a single letter turns one real word into another. */
const MIN_TYPO_WORD_LENGTH = 7;
/** Longer "words" are no French words (URLs, pasted codes), and their deletion neighbourhood is costly. */
const MAX_TYPO_WORD_LENGTH = 30;
const MIN_TYPO_TARGET_LENGTH = 6;
const TYPO_CACHE_LIMIT = 20_000;

interface Step {
  readonly key: string;
  readonly next: number;
  readonly fuzzy: boolean;
}

/** All term lists compiled into one token trie, plus the typo index of the sensitive vocabulary. */
export class TermMatcher {
  private readonly trie = new TokenTrie<TermRole>();
  private readonly typos: TypoIndex;
  private readonly knownKeys: Set<string>;
  private readonly typoCache = new Map<string, readonly string[]>();

  constructor(lists: TermLists) {
    const sensitiveKeys = new Set<string>();
    for (const [category, lines] of Object.entries(lists.sensitive) as [SensitiveCategory, TermLine[]][]) {
      for (const { phrase, weak } of lines) {
        for (const keys of keySequences(phrase)) {
          this.trie.insert(keys, { kind: 'sensitive', category, weak });
          for (const k of keys) sensitiveKeys.add(k);
        }
      }
    }
    const insertAll = (phrases: readonly string[], role: TermRole) => {
      for (const phrase of phrases) for (const keys of keySequences(phrase)) this.trie.insert(keys, role);
    };
    insertAll(lists.jobContext, { kind: 'job_context' });
    insertAll(lists.jobCues, { kind: 'job_cue' });
    insertAll(lists.personalCues, { kind: 'personal_cue' });
    this.typos = new TypoIndex([...sensitiveKeys].filter((k) => k.length >= MIN_TYPO_TARGET_LENGTH));
    this.knownKeys = new Set([...lists.knownWords].map(foldToken));
  }

  /** Every entry found in the text; tokens flagged in `excluded` (identifiers, names) match nothing. */
  match(tokens: readonly Token[], excluded: readonly boolean[]): TermMatch[] {
    // Most tokens are read one way only, by their key; the other readings are listed for the few others.
    const extraSteps = tokens.map((_, i) =>
      excluded[i] ? undefined : this.extraStepsAt(tokens, excluded, i),
    );
    const matches: TermMatch[] = [];
    for (let start = 0; start < tokens.length; start++) {
      if (!excluded[start])
        this.walk(this.trie.root, start, start, false, tokens, excluded, extraSteps, matches);
    }
    return matches;
  }

  private walk(
    node: TrieNode<TermRole>,
    start: number,
    pos: number,
    fuzzy: boolean,
    tokens: readonly Token[],
    excluded: readonly boolean[],
    extraSteps: readonly (readonly Step[] | undefined)[],
    out: TermMatch[],
  ): void {
    const token = tokens[pos];
    if (token === undefined || excluded[pos]) return;
    this.follow(node, start, token.key, pos + 1, fuzzy, tokens, excluded, extraSteps, out);
    for (const step of extraSteps[pos] ?? []) {
      this.follow(node, start, step.key, step.next, fuzzy || step.fuzzy, tokens, excluded, extraSteps, out);
    }
  }

  private follow(
    node: TrieNode<TermRole>,
    start: number,
    key: string,
    next: number,
    fuzzy: boolean,
    tokens: readonly Token[],
    excluded: readonly boolean[],
    extraSteps: readonly (readonly Step[] | undefined)[],
    out: TermMatch[],
  ): void {
    const child = node.children.get(key);
    if (!child) return;
    for (const role of child.values) out.push({ role, startToken: start, endToken: next, fuzzy });
    if (child.children.size > 0) this.walk(child, start, next, fuzzy, tokens, excluded, extraSteps, out);
  }

  /** Readings of token `i` other than its key: joined with the next word, as a number, typo-corrected. */
  private extraStepsAt(
    tokens: readonly Token[],
    excluded: readonly boolean[],
    i: number,
  ): Step[] | undefined {
    const token = tokens[i] as Token;
    const steps: Step[] = [];
    const nextToken = tokens[i + 1];
    if (token.hyphenNext && nextToken && !excluded[i + 1]) {
      steps.push({ key: foldToken(token.norm + nextToken.norm), next: i + 2, fuzzy: false });
    }
    if (token.isNumber) steps.push({ key: NUMBER_KEY, next: i + 1, fuzzy: false });
    else if (this.mayBeTypo(token)) {
      for (const key of this.typoCorrections(token.key)) steps.push({ key, next: i + 1, fuzzy: true });
    }
    return steps.length > 0 ? steps : undefined;
  }

  private mayBeTypo(token: Token): boolean {
    return (
      token.norm.length >= MIN_TYPO_WORD_LENGTH &&
      token.norm.length <= MAX_TYPO_WORD_LENGTH &&
      !this.trie.vocabulary.has(token.key) &&
      !this.knownKeys.has(token.key)
    );
  }

  /** Typo lookups are cached: the same unknown words come back request after request. */
  private typoCorrections(key: string): readonly string[] {
    let corrections = this.typoCache.get(key);
    if (corrections === undefined) {
      if (this.typoCache.size >= TYPO_CACHE_LIMIT) this.typoCache.clear();
      corrections = this.typos.lookup(key);
      this.typoCache.set(key, corrections);
    }
    return corrections;
  }
}

/**
 * The key sequences of one list entry: hyphenated compounds both split and joined ("burn-out" is
 * matched by "burn out", "burn-out" and "burnout"), `{nombre}` as the number wildcard.
 */
export function keySequences(phrase: string): string[][] {
  const split: string[] = [];
  const joined: string[] = [];
  phrase.split(NUMBER_PLACEHOLDER).forEach((part, index) => {
    if (index > 0) {
      split.push(NUMBER_KEY);
      joined.push(NUMBER_KEY);
    }
    let compound = '';
    for (const token of tokenise(part)) {
      split.push(token.key);
      compound += token.norm;
      if (!token.hyphenNext) {
        joined.push(foldToken(compound));
        compound = '';
      }
    }
  });
  if (split.length === 0) return [];
  return split.join(' ') === joined.join(' ') ? [split] : [split, joined];
}

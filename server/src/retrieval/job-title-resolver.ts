import type { Referentials, RomeAppellation } from '@reco/referentials';
import { foldedWords } from './french-words';
import { editDistance, trigramsOf } from './word-similarity';

export interface JobTitleMatch {
  romeCode: string;
  /** The label of the ROME job sheet. */
  romeLabel: string;
  /** The ROME job title (appellation) that matched best. */
  appellation: string;
  /** 0..1: 1 when the text is that job title, up to case, accents, gender, number and word order. */
  score: number;
}

/** How much a word found as the start of a longer one ("boulang") or with typos counts. */
const PREFIX_QUALITY = 0.85;
const ONE_TYPO_QUALITY = 0.8;
const TWO_TYPOS_QUALITY = 0.65;
const MAX_PREFIX_COMPLETIONS = 20;

/**
 * One-word job titles that are also ordinary words of a request ("carrière" folds to the quarry
 * worker's "carrier", "modèle", "nez"): in free text, they name the job only after a cue word.
 */
const ORDINARY_WORDS = new Set(
  foldedWords(
    'carrière modèle personnage nez silhouette road vestiaire doublure mime glacier voilier juge marin ' +
      'commercial publicitaire arbitre interprète correcteur lecteur facteur calculateur modeleur récupérateur',
  ),
);
/** Words after which a one-word job title is meant as a job: "devenir cariste", "poste de juge". */
const JOB_CUES = new Set(foldedWords('devenir comme métier poste emploi travailler vers'));

interface TitleForm {
  romeCode: string;
  appellation: string;
  /** Folded words, in order. */
  words: readonly string[];
  distinctWords: number;
}

interface WordMatch {
  word: string;
  quality: number;
}

/**
 * Resolves job titles written by hand ("aide soignante", "dev web", "carsite") to ROME codes, through
 * an index of the 13,120 ROME job titles built once: exact word sets, word sequences, an inverted
 * index of words, their prefixes, and trigrams of words for typos.
 */
export class JobTitleResolver {
  private readonly forms: TitleForm[] = [];
  private readonly formsByWordSet = new Map<string, number[]>();
  private readonly formsBySequence = new Map<string, number[]>();
  private readonly formsByWord = new Map<string, number[]>();
  private readonly weightOfWord = new Map<string, number>();
  private readonly wordsByTrigram = new Map<string, string[]>();
  private readonly vocabulary: string[];
  private readonly longestSequence: number;
  private readonly rarestWordWeight: number;

  constructor(
    appellations: readonly RomeAppellation[],
    private readonly romeLabel: (romeCode: string) => string | undefined,
  ) {
    for (const appellation of appellations) {
      for (const words of titleForms(appellation.label)) this.addForm(appellation, words);
    }
    this.vocabulary = [...this.formsByWord.keys()].sort();
    for (const word of this.vocabulary) {
      const forms = this.formsByWord.get(word) ?? [];
      this.weightOfWord.set(word, Math.log(1 + this.forms.length / forms.length));
      for (const trigram of trigramsOf(word)) {
        const words = this.wordsByTrigram.get(trigram);
        if (words) words.push(word);
        else this.wordsByTrigram.set(trigram, [word]);
      }
    }
    this.longestSequence = Math.max(...this.forms.map((form) => form.words.length));
    this.rarestWordWeight = Math.max(...this.weightOfWord.values());
  }

  static fromReferentials(referentials: Referentials): JobTitleResolver {
    return new JobTitleResolver(referentials.appellations(), (code) => referentials.romeLabel(code));
  }

  /** The ROME codes a job title may mean, best first, one per code. */
  resolve(title: string, limit = 5): JobTitleMatch[] {
    const queryWords = [...new Set(foldedWords(title))];
    if (queryWords.length === 0) return [];
    const exact = this.formsByWordSet.get(wordSetKey(queryWords));
    const wordMatches = queryWords.map((word) => this.matchesOf(word));
    const weights = wordMatches.map((matches) =>
      matches.length === 0
        ? this.rarestWordWeight
        : Math.max(...matches.map((match) => this.weightOfWord.get(match.word) ?? 0)),
    );
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);

    const coverage = new Map<number, { covered: number; matchedWords: Set<string> }>();
    wordMatches.forEach((matches, index) => {
      const bestPerForm = new Map<number, WordMatch>();
      for (const match of matches) {
        for (const form of this.formsByWord.get(match.word) ?? []) {
          const best = bestPerForm.get(form);
          if (!best || best.quality < match.quality) bestPerForm.set(form, match);
        }
      }
      for (const [form, match] of bestPerForm) {
        const entry = coverage.get(form) ?? { covered: 0, matchedWords: new Set<string>() };
        entry.covered += match.quality * (weights[index] ?? 0);
        entry.matchedWords.add(match.word);
        coverage.set(form, entry);
      }
    });

    const best = new Map<string, { score: number; form: TitleForm }>();
    for (const [index, { covered, matchedWords }] of coverage) {
      const form = this.forms[index];
      if (!form) continue;
      // Mostly how much of the request is explained; then how little of the title is left over, so
      // that "boulanger" prefers "Boulanger" to "Chef boulanger".
      const score = exact?.includes(index)
        ? 1
        : Math.min(0.99, (covered / totalWeight) * (0.6 + (0.4 * matchedWords.size) / form.distinctWords));
      const current = best.get(form.romeCode);
      if (!current || score > current.score || (score === current.score && isShorter(form, current.form))) {
        best.set(form.romeCode, { score, form });
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.form.words.length - b.form.words.length || compare(a, b))
      .slice(0, limit)
      .map(({ score, form }) => this.matchOf(form, Math.round(score * 1000) / 1000));
  }

  /**
   * Job titles mentioned in a free-text request ("reconversion vers la logistique, devenir cariste"),
   * longest first where they overlap, in the order of the text, one per ROME code.
   */
  findJobTitlesInText(text: string): JobTitleMatch[] {
    const words = foldedWords(text);
    const found = new Map<string, JobTitleMatch>();
    let start = 0;
    while (start < words.length) {
      let length = Math.min(this.longestSequence, words.length - start);
      for (; length > 0; length--) {
        const forms = this.formsBySequence.get(words.slice(start, start + length).join(' '));
        if (!forms) continue;
        const word = words[start] ?? '';
        if (length === 1 && ORDINARY_WORDS.has(word) && !JOB_CUES.has(words[start - 1] ?? '')) continue;
        for (const index of forms) {
          const form = this.forms[index];
          if (form && !found.has(form.romeCode)) found.set(form.romeCode, this.matchOf(form, 1));
        }
        break;
      }
      start += Math.max(1, length);
    }
    return [...found.values()];
  }

  private addForm(appellation: RomeAppellation, words: readonly string[]) {
    if (words.length === 0) return;
    const index = this.forms.length;
    const distinct = [...new Set(words)];
    this.forms.push({
      romeCode: appellation.romeCode,
      appellation: appellation.label,
      words,
      distinctWords: distinct.length,
    });
    push(this.formsByWordSet, wordSetKey(distinct), index);
    push(this.formsBySequence, words.join(' '), index);
    for (const word of distinct) push(this.formsByWord, word, index);
  }

  /**
   * The known words a query word may stand for: itself and the words it starts ("auto" is also
   * "automobile"), else near spellings.
   */
  private matchesOf(word: string): WordMatch[] {
    const completions = word.length >= 3 ? this.completionsOf(word) : [];
    const matches = completions
      .filter((known) => known !== word)
      .map((known) => ({ word: known, quality: PREFIX_QUALITY }));
    if (this.formsByWord.has(word)) matches.push({ word, quality: 1 });
    return matches.length > 0 ? matches : this.nearSpellingsOf(word);
  }

  private completionsOf(prefix: string): string[] {
    let low = 0;
    let high = this.vocabulary.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.vocabulary[middle] ?? '') < prefix) low = middle + 1;
      else high = middle;
    }
    const completions: string[] = [];
    for (let i = low; i < this.vocabulary.length && (this.vocabulary[i] ?? '').startsWith(prefix); i++) {
      completions.push(this.vocabulary[i] ?? '');
    }
    // The closest completions: "boulang" means "boulanger" rather than "boulangerie-patisserie".
    return completions.sort((a, b) => a.length - b.length).slice(0, MAX_PREFIX_COMPLETIONS);
  }

  private nearSpellingsOf(word: string): WordMatch[] {
    const allowed = word.length <= 4 ? 0 : word.length <= 7 ? 1 : 2;
    if (allowed === 0) return [];
    const trigrams = trigramsOf(word);
    // Each edit changes at most three trigrams, a swap of two letters four.
    const minShared = Math.max(2, trigrams.size - 4 * allowed);
    const shared = new Map<string, number>();
    for (const trigram of trigrams) {
      for (const known of this.wordsByTrigram.get(trigram) ?? [])
        shared.set(known, (shared.get(known) ?? 0) + 1);
    }
    const matches: WordMatch[] = [];
    for (const [known, count] of shared) {
      if (count < minShared) continue;
      const distance = editDistance(word, known, allowed);
      if (distance <= allowed) {
        matches.push({ word: known, quality: distance === 1 ? ONE_TYPO_QUALITY : TWO_TYPOS_QUALITY });
      }
    }
    return matches;
  }

  private matchOf(form: TitleForm, score: number): JobTitleMatch {
    return {
      romeCode: form.romeCode,
      romeLabel: this.romeLabel(form.romeCode) ?? form.appellation,
      appellation: form.appellation,
      score,
    };
  }
}

/**
 * The folded word sequences a ROME job title stands for. "Chef / Cheffe de rayon boulangerie" is one
 * title in two genders: the feminine part repeats the end of the masculine one and goes on, so the
 * overlap is joined once ("chef rayon boulangeri"). Where folding cannot see the overlap ("Steward /
 * Hôtesse de l'air"), both readings are kept.
 */
function titleForms(label: string): string[][] {
  const [masculine = '', feminine] = label.split(' / ');
  const left = foldedWords(masculine);
  if (feminine === undefined) return [left];
  const right = foldedWords(feminine);
  for (let overlap = Math.min(left.length, right.length); overlap > 0; overlap--) {
    if (left.slice(left.length - overlap).join(' ') === right.slice(0, overlap).join(' ')) {
      return [[...left, ...right.slice(overlap)]];
    }
  }
  return [[...left, ...right.slice(1)], right];
}

function wordSetKey(words: readonly string[]): string {
  return [...new Set(words)].sort().join(' ');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isShorter(a: TitleForm, b: TitleForm): boolean {
  return a.words.length < b.words.length;
}

function compare(a: { form: TitleForm }, b: { form: TitleForm }): number {
  return a.form.romeCode < b.form.romeCode ? -1 : a.form.romeCode > b.form.romeCode ? 1 : 0;
}

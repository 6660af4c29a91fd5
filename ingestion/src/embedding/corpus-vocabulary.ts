import type { FrenchAnalyzer } from './french-text.js';

/**
 * A corpus analysed once, as numbers: documents are runs of word ids, and each distinct word is analysed a
 * single time into candidate feature ids (stems first: a candidate id below `stems.length` is a stem, the
 * others are character n-grams).
 */
export interface CorpusIndex {
  readonly documentCount: number;
  /** documentCount + 1 offsets into documentWords. */
  readonly documentWordStart: Int32Array;
  readonly documentWords: Int32Array;
  /** One entry per distinct word, + 1: offsets into wordFeatures. */
  readonly wordFeatureStart: Int32Array;
  readonly wordFeatures: Int32Array;
  readonly stems: readonly string[];
  readonly charGrams: readonly string[];
}

export function indexCorpus(corpus: Iterable<string>, analyzer: FrenchAnalyzer): CorpusIndex {
  const wordIds = new Map<string, number>();
  const documentWords = new Int32Builder();
  const documentWordStart = new Int32Builder();
  documentWordStart.push(0);
  for (const text of corpus) {
    for (const word of analyzer.words(text)) {
      let id = wordIds.get(word);
      if (id === undefined) {
        id = wordIds.size;
        wordIds.set(word, id);
      }
      documentWords.push(id);
    }
    documentWordStart.push(documentWords.length);
  }

  const analysed = [...wordIds.keys()].map((word) => analyzer.wordFeatures(word));
  const stemIds = new Map<string, number>();
  for (const { stem } of analysed) if (!stemIds.has(stem)) stemIds.set(stem, stemIds.size);
  const gramIds = new Map<string, number>();
  for (const { charGrams } of analysed) {
    for (const gram of charGrams) if (!gramIds.has(gram)) gramIds.set(gram, stemIds.size + gramIds.size);
  }
  const wordFeatures = new Int32Builder();
  const wordFeatureStart = new Int32Builder();
  wordFeatureStart.push(0);
  for (const { stem, charGrams } of analysed) {
    wordFeatures.push(stemIds.get(stem) as number);
    for (const gram of charGrams) wordFeatures.push(gramIds.get(gram) as number);
    wordFeatureStart.push(wordFeatures.length);
  }

  return {
    documentCount: documentWordStart.length - 1,
    documentWordStart: documentWordStart.toArray(),
    documentWords: documentWords.toArray(),
    wordFeatureStart: wordFeatureStart.toArray(),
    wordFeatures: wordFeatures.toArray(),
    stems: [...stemIds.keys()],
    charGrams: [...gramIds.keys()],
  };
}

export interface Vocabulary {
  readonly stems: string[];
  readonly charGrams: string[];
  /** Per feature (stems, then n-grams): in how many documents it occurs. */
  readonly documentFrequency: Float64Array;
  /** Candidate id → feature id, or -1 for a candidate left out. */
  readonly featureOfCandidate: Int32Array;
}

/**
 * The `maxFeatures` features found in the most documents, among those found in at least two (a feature seen
 * once cannot relate two documents). Ties go to the alphabetical order, so that the choice does not depend on
 * the order of the corpus.
 */
export function selectVocabulary(index: CorpusIndex, maxFeatures: number): Vocabulary {
  const candidateCount = index.stems.length + index.charGrams.length;
  const frequency = candidateDocumentFrequency(index, candidateCount);
  const nameOf = (candidate: number): string =>
    (candidate < index.stems.length
      ? index.stems[candidate]
      : index.charGrams[candidate - index.stems.length]) as string;

  const chosen: number[] = [];
  for (let candidate = 0; candidate < candidateCount; candidate++) {
    if ((frequency[candidate] as number) >= 2) chosen.push(candidate);
  }
  chosen.sort((a, b) => (frequency[b] as number) - (frequency[a] as number) || compare(nameOf(a), nameOf(b)));
  chosen.length = Math.min(chosen.length, maxFeatures);
  // Stems first keeps the "id < stem count" test of the weighting valid.
  const stemCandidates = chosen.filter((candidate) => candidate < index.stems.length);
  const gramCandidates = chosen.filter((candidate) => candidate >= index.stems.length);
  const ordered = [...stemCandidates, ...gramCandidates];

  const featureOfCandidate = new Int32Array(candidateCount).fill(-1);
  const documentFrequency = new Float64Array(ordered.length);
  ordered.forEach((candidate, feature) => {
    featureOfCandidate[candidate] = feature;
    documentFrequency[feature] = frequency[candidate] as number;
  });
  return {
    stems: stemCandidates.map(nameOf),
    charGrams: gramCandidates.map(nameOf),
    documentFrequency,
    featureOfCandidate,
  };
}

function candidateDocumentFrequency(index: CorpusIndex, candidateCount: number): Int32Array {
  const frequency = new Int32Array(candidateCount);
  const lastDocument = new Int32Array(candidateCount).fill(-1);
  const { documentWordStart, documentWords, wordFeatureStart, wordFeatures } = index;
  for (let d = 0; d < index.documentCount; d++) {
    const wordsEnd = documentWordStart[d + 1] as number;
    for (let w = documentWordStart[d] as number; w < wordsEnd; w++) {
      const word = documentWords[w] as number;
      const featuresEnd = wordFeatureStart[word + 1] as number;
      for (let f = wordFeatureStart[word] as number; f < featuresEnd; f++) {
        const candidate = wordFeatures[f] as number;
        if (lastDocument[candidate] === d) continue;
        lastDocument[candidate] = d;
        frequency[candidate] = (frequency[candidate] as number) + 1;
      }
    }
  }
  return frequency;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An Int32Array that grows as values are appended. */
class Int32Builder {
  private buffer = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }

  toArray(): Int32Array {
    return this.buffer.slice(0, this.length);
  }
}

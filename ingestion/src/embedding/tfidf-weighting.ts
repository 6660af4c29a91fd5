/**
 * Turns a document's feature occurrences into its TF-IDF row: sublinear tf (1 + ln count) × idf, then the stem
 * block and the character n-gram block are each scaled to a fixed share of a unit norm. Without the shares a
 * ten-letter word would weigh as one stem against nine n-grams, and whole-word identity would be drowned by
 * spelling similarity; with them, n-grams still carry a document whose words are all misspelt (its stem block
 * is empty and the n-grams take the whole norm).
 *
 * Feature ids below `stemCount` are stems, the others n-grams. Reuses its buffers: one weigher per thread of
 * work, documents one after the other.
 */
export class DocumentWeigher {
  private readonly counts: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(
    private readonly idf: Float64Array,
    private readonly stemCount: number,
    private readonly stemShare: number,
  ) {
    this.counts = new Float64Array(idf.length);
    this.touched = new Int32Array(idf.length);
  }

  /** Records one occurrence of each feature id. */
  add(featureIds: ArrayLike<number>): void {
    for (let i = 0; i < featureIds.length; i++) {
      const id = featureIds[i] as number;
      const count = this.counts[id] as number;
      if (count === 0) this.touched[this.touchedCount++] = id;
      this.counts[id] = count + 1;
    }
  }

  /**
   * Writes the document's distinct feature ids and weights (unit L2 norm, or nothing for a document without
   * features), returns how many, and gets ready for the next document. The output arrays need room for every
   * feature.
   */
  finish(outIds: Int32Array, outWeights: Float64Array): number {
    const length = this.touchedCount;
    let stemSquares = 0;
    let gramSquares = 0;
    for (let i = 0; i < length; i++) {
      const id = this.touched[i] as number;
      const weight = (1 + Math.log(this.counts[id] as number)) * (this.idf[id] as number);
      this.counts[id] = 0;
      outIds[i] = id;
      outWeights[i] = weight;
      if (id < this.stemCount) stemSquares += weight * weight;
      else gramSquares += weight * weight;
    }
    this.touchedCount = 0;

    const stemShare = gramSquares === 0 ? 1 : stemSquares === 0 ? 0 : this.stemShare;
    const stemScale = stemSquares > 0 ? Math.sqrt(stemShare / stemSquares) : 0;
    const gramScale = gramSquares > 0 ? Math.sqrt((1 - stemShare) / gramSquares) : 0;
    for (let i = 0; i < length; i++) {
      outWeights[i] =
        (outWeights[i] as number) * ((outIds[i] as number) < this.stemCount ? stemScale : gramScale);
    }
    return length;
  }
}

/** Turns texts into fixed-length vectors that can be compared with cosine similarity. */
export interface Embedder {
  /**
   * Identifies the exact model that made a vector: two embedders with the same modelId give the same
   * vectors, so stored vectors can be reused only while the modelId is unchanged.
   */
  readonly modelId: string;
  readonly dimensions: number;
  /** One vector per text, in order; vectors are L2-normalised, so cosine similarity is a dot product. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

import type { CatalogueRepository } from '@reco/db';
import type { Embedder } from '../embedding/embedder';
import type { OllamaEmbedder } from '../embedding/ollama-embedder';
import { TfidfSvdEmbedder } from '../embedding/tfidf-svd-embedder';

/** Where the catalogue's embedder comes from: fitted on the catalogue itself, or a served model. */
export interface CatalogueEmbedding {
  /** The embedder for this catalogue; `corpus` is read only when a model must be fitted. */
  prepare(corpus: () => Promise<string[]>): Promise<Embedder>;
}

const BUILTIN_KIND = 'builtin-tfidf-svd';

/**
 * The built-in embedder, which downloads nothing: fitted once on the catalogue and the ROME job
 * titles, then kept in the database so that later ingestions and every query use the same model.
 */
export class BuiltinCatalogueEmbedding implements CatalogueEmbedding {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly options: { dimensions?: number; refit?: boolean } = {},
  ) {}

  async prepare(corpus: () => Promise<string[]>): Promise<Embedder> {
    if (!this.options.refit) {
      const stored = await this.load();
      if (stored) return stored;
    }
    const embedder = TfidfSvdEmbedder.fit(await corpus(), { dimensions: this.options.dimensions });
    await this.catalogue.saveEmbeddingModel({
      modelId: embedder.modelId,
      kind: BUILTIN_KIND,
      dimensions: embedder.dimensions,
      payload: embedder.serialize(),
    });
    return embedder;
  }

  /** The fitted model, for queries; undefined before the first ingestion. */
  async load(): Promise<Embedder | undefined> {
    const stored = await this.catalogue.latestEmbeddingModel(BUILTIN_KIND);
    return stored ? TfidfSvdEmbedder.deserialize(stored.payload) : undefined;
  }
}

/** A model served by Ollama (e.g. bge-m3): nothing to fit. */
export class OllamaCatalogueEmbedding implements CatalogueEmbedding {
  constructor(private readonly embedder: OllamaEmbedder) {}

  async prepare(): Promise<Embedder> {
    return this.embedder;
  }
}

import type { CatalogueRepository } from '@reco/db';
import type { Referentials } from '@reco/referentials';
import type { CatalogueEmbedding } from './catalogue-embedding';
import { embeddingText } from './offer-text';

export type { CatalogueEmbedding } from './catalogue-embedding';

const EMBED_BATCH = 500;

/**
 * Embeds the active offers whose text changed or that this model has not embedded yet, then makes
 * sure the model has its vector index. Unchanged offers are not embedded again.
 */
export async function embedCatalogue(
  deps: {
    catalogue: CatalogueRepository;
    referentials: Referentials;
    onProgress?: (progress: { phase: 'embed'; done: number; total: number }) => void;
  },
  embedding: CatalogueEmbedding,
): Promise<{ modelId: string; embedded: number }> {
  const { catalogue, referentials } = deps;
  const embedder = await embedding.prepare(async () => [
    ...(await catalogue.activeOffers()).map((offer) => embeddingText(offer, referentials)),
    ...referentials.appellations().map((appellation) => appellation.label),
  ]);
  const todo = await catalogue.offersToEmbed(embedder.modelId);
  for (let start = 0; start < todo.length; start += EMBED_BATCH) {
    const batch = todo.slice(start, start + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map((offer) => embeddingText(offer.doc, referentials)));
    await catalogue.saveEmbeddings(
      embedder.modelId,
      batch.map((offer, index) => ({
        offerId: offer.id,
        textHash: offer.embedTextHash,
        vector: vectors[index] ?? new Float32Array(embedder.dimensions),
      })),
    );
    deps.onProgress?.({ phase: 'embed', done: start + batch.length, total: todo.length });
  }
  await catalogue.ensureVectorIndex(embedder.modelId, embedder.dimensions);
  // Even when nothing was left to embed: a run stopped after the last vector of a new model was
  // saved must not leave the old model's vectors behind.
  await catalogue.deleteEmbeddingsExcept(embedder.modelId);
  return { modelId: embedder.modelId, embedded: todo.length };
}

import { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import { Document } from '@langchain/core/documents';
import type { Database } from '@reco/db';
import type { Embedder } from '@reco/ingestion';
import { type ServedPglite, servePglite } from '../harness/served-pglite';
import { EmbedderEmbeddings } from './embedder-embeddings';
import { haversineKm } from './geo';
import { type OfferMetadata, storedOfferVectors } from './stored-offer-vectors';

/**
 * The k of each similarity search: pgvector's default `hnsw.ef_search`. Over an HNSW index, pgvector
 * returns at most ef_search rows (iterative scans are off by default), so 40 is what an app on a default
 * deployment can count on, whatever k it asks for; and it cannot ask for "10 after the place filter", as
 * its filter cannot express a distance. (With the `status` filter the planner, which keeps no statistics
 * on `metadata->>'status'`, expects it to keep 0.5 % of the rows and scans the table exactly instead of
 * walking the index: the 40 are then the exact nearest. docs/evaluation.md measures other values of k.)
 */
export const NEIGHBOURS_REQUESTED = 40;
/** What `SearchFilters` allows beyond the radius for offers known only by their département. */
const DEPARTEMENT_MARGIN_KM = 25;
/** `initialize()` keeps one client checked out until `end()`; the other runs the queries. */
const CONNECTIONS = 2;
const TABLE = 'offer_documents';
/** Where PGVectorStore's metadata filter can take an eligibility condition: equality on a field. */
const METADATA_FILTER = { status: 'active' } satisfies Partial<OfferMetadata>;

export interface VectorStoreQuery {
  text: string;
  origin: { lat: number; lon: number; departement: string };
  radiusKm: number;
  referenceDate: string;
  limit: number;
}

/** How the store was filled, for the report. */
export interface VectorStoreLoad {
  documents: number;
  /** Reading the stored vectors and `addVectors` over the PostgreSQL protocol. */
  loadSeconds: number;
  indexSeconds: number;
  neighboursRequested: number;
}

/**
 * The baseline of a typical LangChain RAG: `@langchain/community`'s own PGVectorStore, in a database of
 * its own (a second PGlite, reached through `pg` over the wire protocol), filled the LangChain way with
 * `addVectors` from the very vectors the ingestion stored for the system's embedding model, with an
 * HNSW index as `createHnswIndex` makes it. A query is embedded by the same embedder (wrapped as
 * LangChain `Embeddings`), searched with `similaritySearchWithScore(text, k, filter)` where the filter
 * holds what PGVectorStore's filter syntax can say (the offer is active), and the place and date
 * conditions are then checked on the k documents returned, as an app must since the filter cannot
 * express a distance or "no end date, or not over".
 */
export class PgVectorStoreBaseline {
  private constructor(
    private readonly store: PGVectorStore,
    private readonly served: ServedPglite,
    readonly load: VectorStoreLoad,
  ) {}

  static async open(db: Database, embedder: Embedder): Promise<PgVectorStoreBaseline> {
    const served = await servePglite(CONNECTIONS);
    let store: PGVectorStore | undefined;
    try {
      const started = performance.now();
      const dimensions = Math.trunc(embedder.dimensions);
      store = await PGVectorStore.initialize(new EmbedderEmbeddings(embedder), {
        pool: served.pool,
        tableName: TABLE,
        // A typed column, or the HNSW index (on `embedding::vector(dimensions)`) cannot serve the search.
        dimensions,
        columns: {
          idColumnName: 'id',
          vectorColumnName: 'embedding',
          contentColumnName: 'text',
          metadataColumnName: 'metadata',
        },
        distanceStrategy: 'cosine',
      });
      const stored = await storedOfferVectors(db, embedder.modelId);
      await store.addVectors(
        stored.map((offer) => offer.vector),
        stored.map((offer) => new Document({ pageContent: offer.text, metadata: offer.metadata })),
      );
      const loaded = performance.now();
      await store.createHnswIndex({ dimensions });
      const indexed = performance.now();
      return new PgVectorStoreBaseline(store, served, {
        documents: stored.length,
        loadSeconds: seconds(loaded - started),
        indexSeconds: seconds(indexed - loaded),
        neighboursRequested: NEIGHBOURS_REQUESTED,
      });
    } catch (error) {
      await store?.end();
      await served.close();
      throw error;
    }
  }

  /** Ids of the offers kept, nearest first. */
  async search(query: VectorStoreQuery): Promise<string[]> {
    const found = await this.store.similaritySearchWithScore(
      query.text,
      NEIGHBOURS_REQUESTED,
      METADATA_FILTER,
    );
    return found
      .map(([document]) => document.metadata as OfferMetadata)
      .filter((metadata) => passesFilters(metadata, query))
      .slice(0, query.limit)
      .map((metadata) => metadata.offerId);
  }

  async close(): Promise<void> {
    await this.store.end();
    await this.served.close();
  }
}

/** The retriever's place and date filters, checked on a document's metadata. */
function passesFilters(metadata: OfferMetadata, query: VectorStoreQuery): boolean {
  if (metadata.lastSessionEnd !== null && metadata.lastSessionEnd < query.referenceDate) return false;
  if (metadata.locationPrecision === 'online' || metadata.modality === 'remote') return true;
  if (metadata.lat === null || metadata.lon === null) return false;
  const distanceKm = haversineKm(query.origin, { lat: metadata.lat, lon: metadata.lon });
  if (metadata.locationPrecision === 'departement') {
    return (
      metadata.departement === query.origin.departement ||
      distanceKm <= query.radiusKm + DEPARTEMENT_MARGIN_KM
    );
  }
  return distanceKm <= query.radiusKm;
}

function seconds(milliseconds: number): number {
  return Math.round(milliseconds / 100) / 10;
}

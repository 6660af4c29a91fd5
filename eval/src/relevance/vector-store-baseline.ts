import type { Offer } from '@reco/contracts';
import type { Database } from '@reco/db';
import type { Embedder } from '@reco/ingestion';
import { haversineKm } from './geo';

/**
 * How many nearest neighbours a filtered similarity search sees: pgvector's default `hnsw.ef_search`.
 * With a WHERE clause and no iterative scan, the HNSW index yields that many and the filter then
 * keeps what it can, which is what LangChain's `PGVectorStore.similaritySearch(query, k, filter)`
 * gets over an HNSW-indexed table.
 */
const NEIGHBOURS_SEEN = 40;
/** What `SearchFilters` allows beyond the radius for offers known only by their département. */
const DEPARTEMENT_MARGIN_KM = 25;

export interface VectorStoreQuery {
  text: string;
  origin: { lat: number; lon: number; departement: string };
  radiusKm: number;
  referenceDate: string;
  limit: number;
}

interface NeighbourRow {
  offer: Offer;
  status: string;
  lastSessionEnd: string | null;
}

/**
 * The baseline of a typical LangChain RAG: a plain cosine similarity search over the same vectors,
 * with the conditions applied after the nearest neighbours are found, never pushed into the search.
 * (`@langchain/community`'s PGVectorStore itself cannot be installed here: it needs zod 3 where the
 * project uses zod 4, and pulls in some 200 MB; its behaviour is emulated instead.) This is the one
 * place the evaluation runs SQL itself, through the database port, because no repository method
 * searches without the filters on purpose.
 */
export class VectorStoreBaseline {
  constructor(
    private readonly db: Database,
    private readonly embedder: Embedder,
  ) {}

  async search(query: VectorStoreQuery): Promise<Offer[]> {
    const [vector] = await this.embedder.embed([query.text]);
    if (!vector?.some((value) => value !== 0)) return [];
    const neighbours = await this.nearestNeighbours(vector);
    return neighbours
      .filter((row) => row.status === 'active' && passesFilters(row, query))
      .slice(0, query.limit)
      .map((row) => row.offer);
  }

  private nearestNeighbours(vector: Float32Array): Promise<NeighbourRow[]> {
    const dimensions = Math.trunc(this.embedder.dimensions);
    const distance = `e.embedding::vector(${dimensions}) <=> $1::vector(${dimensions})`;
    return this.db.transaction(async (tx) => {
      await tx.query(
        `SELECT set_config('hnsw.iterative_scan', 'off', true),
                set_config('hnsw.ef_search', $1, true)`,
        [String(NEIGHBOURS_SEEN)],
      );
      return tx.query<NeighbourRow>(
        `WITH nearest AS MATERIALIZED (
           SELECT e.offer_id, ${distance} AS cosine_distance
             FROM offer_embeddings e
            WHERE e.model_id = $2
            ORDER BY ${distance}
            LIMIT $3)
         SELECT o.doc AS offer, o.status, to_char(o.last_session_end, 'YYYY-MM-DD') AS "lastSessionEnd"
           FROM nearest JOIN offers o ON o.id = nearest.offer_id
          ORDER BY nearest.cosine_distance, o.id`,
        [`[${Array.from(vector).join(',')}]`, this.embedder.modelId, NEIGHBOURS_SEEN],
      );
    });
  }
}

/** The retriever's filters (dates, place), as a metadata post-filter would check them. */
function passesFilters({ offer, lastSessionEnd }: NeighbourRow, query: VectorStoreQuery): boolean {
  if (lastSessionEnd !== null && lastSessionEnd < query.referenceDate) return false;
  const { location } = offer;
  if (location.precision === 'online' || offer.modality === 'remote') return true;
  if (location.lat === undefined || location.lon === undefined) return false;
  const distanceKm = haversineKm(query.origin, { lat: location.lat, lon: location.lon });
  if (location.precision === 'departement') {
    return (
      location.departement === query.origin.departement ||
      distanceKm <= query.radiusKm + DEPARTEMENT_MARGIN_KM
    );
  }
  return distanceKm <= query.radiusKm;
}

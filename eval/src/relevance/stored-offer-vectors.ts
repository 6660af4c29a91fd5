import type { Database } from '@reco/db';

/** What a LangChain app would keep beside a vector to filter on: the offer's identity and eligibility. */
export interface OfferMetadata {
  offerId: string;
  status: string;
  modality: string;
  locationPrecision: string;
  lat: number | null;
  lon: number | null;
  departement: string | null;
  /** YYYY-MM-DD, the latest end among the sessions; null when none has a known end. */
  lastSessionEnd: string | null;
}

export interface StoredOfferVector {
  vector: number[];
  /** The offer's searchable text: its title and what full-text search reads besides it. */
  text: string;
  metadata: OfferMetadata;
}

/**
 * Every vector the ingestion stored for a model, with its offer's text and eligibility fields: what
 * would be loaded into a separate vector store. Read here, through the database port, because no
 * repository hands out vectors (the system only ever searches them in place).
 */
export async function storedOfferVectors(db: Database, modelId: string): Promise<StoredOfferVector[]> {
  const rows = await db.query<OfferMetadata & { title: string; body: string; embedding: string }>(
    `SELECT o.id AS "offerId", o.status, o.modality, o.location_precision AS "locationPrecision",
            o.lat, o.lon, o.departement, to_char(o.last_session_end, 'YYYY-MM-DD') AS "lastSessionEnd",
            o.title, o.body, e.embedding::text AS embedding
       FROM offer_embeddings e JOIN offers o ON o.id = e.offer_id
      WHERE e.model_id = $1
      ORDER BY o.id`,
    [modelId],
  );
  return rows.map(({ title, body, embedding, ...metadata }) => ({
    // pgvector's text form, `[0.1,-0.2,…]`, is a JSON array.
    vector: JSON.parse(embedding) as number[],
    text: `${title}\n${body}`,
    metadata,
  }));
}

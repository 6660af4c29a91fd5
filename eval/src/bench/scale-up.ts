import { CatalogueRepository, type Database } from '@reco/db';
import { round } from './workload';

export interface ScaleUpFigures {
  factor: number;
  activeOffersBefore: number;
  activeOffersAfter: number;
  copySeconds: number;
  analyzeSeconds: number;
  hnswRebuildSeconds: number;
}

/** Degrees of latitude and longitude by which a copy is moved at most (about ±5 km and ±4 km). */
const COORDINATE_JITTER = 0.09;
/** Added to each vector component at most: copies stay near their original, not on it. */
const VECTOR_JITTER = 0.01;

/**
 * Scales the ingested catalogue up by replication rather than by ingesting a catalogue `factor`
 * times larger: each active offer is copied `factor - 1` times through the Database port, in SQL,
 * with a perturbed id (`<id>~x<k>`, also in the JSON document), coordinates moved by up to
 * ±COORDINATE_JITTER degrees (columns and document) and every vector component moved by up to
 * ±VECTOR_JITTER. Titles, bodies (hence the full-text vectors), ROME codes and the other filters
 * are kept. The model's HNSW index is dropped before the copy and rebuilt after it, then the
 * tables analysed, as after a real ingestion. Meant for a catalogue that is thrown away afterwards.
 */
export async function scaleUpCatalogue(db: Database, factor: number): Promise<ScaleUpFigures> {
  const catalogue = new CatalogueRepository(db);
  const activeOffersBefore = await catalogue.countActiveOffers();
  const [model] = await db.query<{ model_id: string; dimensions: number }>(
    `SELECT m.model_id, m.dimensions FROM embedding_models m
      WHERE EXISTS (SELECT 1 FROM offer_embeddings e WHERE e.model_id = m.model_id)
      ORDER BY m.created_at DESC LIMIT 1`,
  );
  if (!model) throw new Error('the catalogue has no embeddings to scale up');
  const indexes = await db.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE tablename = 'offer_embeddings' AND indexdef ILIKE '%hnsw%'`,
  );
  for (const { indexname } of indexes) await db.exec(`DROP INDEX ${indexname}`);

  const copyStarted = performance.now();
  for (let k = 1; k < factor; k++) {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO offers (id, status, kind, title, body, doc, content_hash, embed_text_hash, rome_codes,
                             formacodes, location_precision, departement, lat, lon, modality, cpf, cost_eur,
                             last_session_end, source_count, updated_run_id, retired_at)
         SELECT c.id, o.status, o.kind, o.title, o.body,
                CASE WHEN c.lat IS NULL THEN jsonb_set(o.doc, '{id}', to_jsonb(c.id))
                     ELSE jsonb_set(jsonb_set(jsonb_set(o.doc, '{id}', to_jsonb(c.id)),
                                              '{location,lat}', to_jsonb(c.lat)),
                                    '{location,lon}', to_jsonb(c.lon)) END,
                o.content_hash, o.embed_text_hash, o.rome_codes, o.formacodes, o.location_precision,
                o.departement, c.lat, c.lon, o.modality, o.cpf, o.cost_eur, o.last_session_end,
                o.source_count, o.updated_run_id, o.retired_at
           FROM offers o
          CROSS JOIN LATERAL (
                SELECT o.id || '~x' || $1::int AS id,
                       o.lat + (random() - 0.5) * 2 * $2::float8 AS lat,
                       o.lon + (random() - 0.5) * 2 * $2::float8 AS lon) c
          WHERE o.status = 'active' AND position('~x' IN o.id) = 0`,
        [k, COORDINATE_JITTER],
      );
      await tx.query(
        `INSERT INTO offer_embeddings (offer_id, model_id, text_hash, embedding)
         SELECT e.offer_id || '~x' || $1::int, e.model_id, e.text_hash,
                (SELECT array_agg(x + (random() - 0.5) * 2 * $3::float8 ORDER BY n)
                   FROM unnest(e.embedding::real[]) WITH ORDINALITY AS u(x, n))::vector
           FROM offer_embeddings e JOIN offers o ON o.id = e.offer_id
          WHERE e.model_id = $2 AND o.status = 'active' AND position('~x' IN e.offer_id) = 0`,
        [k, model.model_id, VECTOR_JITTER],
      );
    });
  }
  const copied = performance.now();
  await db.exec('ANALYZE offers; ANALYZE offer_embeddings;');
  const analyzed = performance.now();
  await catalogue.ensureVectorIndex(model.model_id, model.dimensions);
  await db.exec('ANALYZE offer_embeddings;');
  const indexed = performance.now();
  return {
    factor,
    activeOffersBefore,
    activeOffersAfter: await catalogue.countActiveOffers(),
    copySeconds: round((copied - copyStarted) / 1000),
    analyzeSeconds: round((analyzed - copied) / 1000),
    hnswRebuildSeconds: round((indexed - analyzed) / 1000),
  };
}

/** Runs SQL against the database under test (a PGlite instance or a `Database`). */
export type Query = <Row>(sql: string) => Promise<Row[]>;

/**
 * Everything a run leaves in the catalogue that a counsellor, an admin or the next run depends on,
 * in a form that compares equal between two databases that went through the same deliveries:
 * run numbers and timestamps are left out, rows are sorted. Quarantine is that of the latest
 * completed run, as the quality report shows it.
 */
export async function catalogueSnapshot(query: Query) {
  return {
    offers: await query(
      `SELECT id, status, content_hash, embed_text_hash, source_count, doc::text AS doc
         FROM offers ORDER BY id`,
    ),
    sourceRecords: await query(
      `SELECT source, source_id, scope, merge_key, offer_id, content_hash, status, record::text AS record
         FROM source_records ORDER BY source, source_id`,
    ),
    embeddings: await query(
      `SELECT offer_id, model_id, text_hash, embedding::text AS embedding
         FROM offer_embeddings ORDER BY offer_id, model_id`,
    ),
    models: await query(
      'SELECT model_id, kind, dimensions, md5(payload) AS payload FROM embedding_models ORDER BY model_id',
    ),
    vectorIndexes: await query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'offer_embeddings' AND indexname LIKE '%hnsw%'
        ORDER BY indexname`,
    ),
    quarantine: await query(
      `SELECT file, source, position, reason, excerpt FROM quarantine
        WHERE run_id = (SELECT max(id) FROM ingest_runs WHERE status = 'completed')
        ORDER BY file, position, reason, excerpt`,
    ),
    lastRunStatus: await query(`SELECT status FROM ingest_runs ORDER BY id DESC LIMIT 1`),
  };
}

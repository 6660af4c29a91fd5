import type { IngestSummary, Offer, QuarantineEntry, SourceName } from '@reco/contracts';
import type { Database, Queryable } from './database';

export interface SourceKey {
  source: SourceName;
  sourceId: string;
}

export interface StoredSourceRecord extends SourceKey {
  scope: string;
  mergeKey: string | null;
  offerId: string;
  contentHash: string;
  /** The record harmonised from this producer alone; its shape belongs to the ingestion. */
  record: unknown;
}

export interface ExistingSourceRecord extends SourceKey {
  contentHash: string;
  status: 'active' | 'retired';
  offerId: string;
  mergeKey: string | null;
}

/** An offer ready to store, with the columns retrieval filters on. */
export interface OfferRow {
  offer: Offer;
  /** Objectives, content and labels: what full-text search reads besides the title. */
  body: string;
  embedTextHash: string;
  lastSessionEnd: string | null;
}

export interface EmbeddingRow {
  offerId: string;
  textHash: string;
  vector: Float32Array;
}

export interface SourceQuality {
  source: string;
  active: number;
  retired: number;
  /** Share (0..1) of records with each field filled. */
  filled: Record<string, number>;
  /** Records by location precision. */
  precision: Record<string, number>;
}

export interface QuarantineCount {
  source: string;
  file: string;
  reason: string;
  count: number;
}

export interface QualityReport {
  sources: SourceQuality[];
  quarantined: QuarantineCount[];
}

const BATCH = 1000;

/**
 * A quarantine reason without its particulars (quoted values, ids, numbers, where the first copy
 * was), so that the report counts reasons, not records: `duplicate id "A-12": already read at…`
 * and `duplicate id "B-7": …` are one reason.
 */
const REASON_CLASS = `split_part(
  regexp_replace(regexp_replace(q.reason, '"[^"]*"', '"…"', 'g'), '[[:alnum:]_:.-]*[0-9][[:alnum:]_:.-]*', '…', 'g'),
  ': already', 1)`;

/** Stores the catalogue: producer records, composed offers, embeddings, runs and quarantine. */
export class CatalogueRepository {
  constructor(private readonly db: Database) {}

  async startRun(files: readonly string[], offerTextVersion?: string): Promise<number> {
    const [row] = await this.db.query<{ id: number }>(
      'INSERT INTO ingest_runs (files, offer_text_version) VALUES ($1::jsonb, $2) RETURNING id::int AS id',
      [JSON.stringify(files), offerTextVersion ?? null],
    );
    if (!row) throw new Error('ingest run not created');
    return row.id;
  }

  async finishRun(runId: number, status: 'completed' | 'failed', summary?: IngestSummary): Promise<void> {
    await this.db.query(
      'UPDATE ingest_runs SET status = $2, finished_at = now(), summary = $3::jsonb WHERE id = $1',
      [runId, status, summary ? JSON.stringify(summary) : null],
    );
  }

  /**
   * How many runs since the last completed one (and before this one) never completed: killed, or
   * failed part-way. What they stored is there, but not necessarily merged, composed or retired.
   */
  async unfinishedRunsBefore(runId: number): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ingest_runs
        WHERE id < $1 AND status <> 'completed'
          AND id > coalesce((SELECT max(id) FROM ingest_runs WHERE status = 'completed' AND id < $1), 0)`,
      [runId],
    );
    return row?.count ?? 0;
  }

  /**
   * Whether the last completed run before this one composed the offers' searchable text with another
   * version of the code (or before versions were recorded): their stored text is then out of date.
   */
  async offerTextOutdatedBefore(runId: number, version: string): Promise<boolean> {
    const [row] = await this.db.query<{ outdated: boolean }>(
      `SELECT offer_text_version IS DISTINCT FROM $2 AS outdated FROM ingest_runs
        WHERE status = 'completed' AND id < $1 ORDER BY id DESC LIMIT 1`,
      [runId, version],
    );
    return row?.outdated ?? false;
  }

  /** Every active offer, and the offer and merge key of every active record: the whole catalogue to recompose. */
  async activeCatalogueKeys(): Promise<{ offerId: string; mergeKey: string | null }[]> {
    return this.db.query(
      `SELECT offer_id AS "offerId", merge_key AS "mergeKey" FROM source_records WHERE status = 'active'
       UNION SELECT id, NULL FROM offers WHERE status = 'active'`,
    );
  }

  async findSourceRecords(keys: readonly SourceKey[]): Promise<Map<string, ExistingSourceRecord>> {
    const found = new Map<string, ExistingSourceRecord>();
    for (const batch of chunks(keys, BATCH)) {
      const rows = await this.db.query<ExistingSourceRecord>(
        `SELECT s.source, s.source_id AS "sourceId", s.content_hash AS "contentHash", s.status,
                s.offer_id AS "offerId", s.merge_key AS "mergeKey"
           FROM source_records s
           JOIN jsonb_to_recordset($1::jsonb) AS k(source text, "sourceId" text)
             ON s.source = k.source AND s.source_id = k."sourceId"`,
        [JSON.stringify(batch)],
      );
      for (const row of rows) found.set(sourceKey(row), row);
    }
    return found;
  }

  /** Inserts new records and replaces changed ones, making them active again if they were retired. */
  async upsertSourceRecords(runId: number, records: readonly StoredSourceRecord[]): Promise<void> {
    for (const batch of chunks(records, BATCH)) {
      await this.db.query(
        `INSERT INTO source_records (source, source_id, scope, merge_key, offer_id, content_hash, record,
                                     first_run_id, last_run_id)
         SELECT r.source, r."sourceId", r.scope, r."mergeKey", r."offerId", r."contentHash", r.record, $2, $2
           FROM jsonb_to_recordset($1::jsonb) AS r(source text, "sourceId" text, scope text, "mergeKey" text,
                                                  "offerId" text, "contentHash" text, record jsonb)
         ON CONFLICT (source, source_id) DO UPDATE SET
           scope = excluded.scope, merge_key = excluded.merge_key, content_hash = excluded.content_hash,
           record = excluded.record, last_run_id = excluded.last_run_id, status = 'active', retired_at = NULL`,
        [JSON.stringify(batch), runId],
      );
    }
  }

  /** Marks records delivered again unchanged as seen by this run, so that they are not retired. */
  async markSeen(runId: number, keys: readonly SourceKey[]): Promise<void> {
    for (const batch of chunks(keys, BATCH)) {
      await this.db.query(
        `UPDATE source_records s SET last_run_id = $2
           FROM jsonb_to_recordset($1::jsonb) AS k(source text, "sourceId" text)
          WHERE s.source = k.source AND s.source_id = k."sourceId"`,
        [JSON.stringify(batch), runId],
      );
    }
  }

  /** Retires the active records of these scopes that this run did not deliver. */
  async retireMissing(runId: number, scopes: readonly string[]): Promise<ExistingSourceRecord[]> {
    if (scopes.length === 0) return [];
    return this.db.query<ExistingSourceRecord>(
      `UPDATE source_records SET status = 'retired', retired_at = now()
        WHERE scope = ANY($1::text[]) AND last_run_id < $2 AND status = 'active'
        RETURNING source, source_id AS "sourceId", content_hash AS "contentHash", status,
                  offer_id AS "offerId", merge_key AS "mergeKey"`,
      [scopes, runId],
    );
  }

  async activeRecordsByMergeKeys(mergeKeys: readonly string[]): Promise<ExistingSourceRecord[]> {
    const rows: ExistingSourceRecord[] = [];
    for (const batch of chunks(mergeKeys, BATCH)) {
      rows.push(
        ...(await this.db.query<ExistingSourceRecord>(
          `SELECT source, source_id AS "sourceId", content_hash AS "contentHash", status,
                  offer_id AS "offerId", merge_key AS "mergeKey"
             FROM source_records WHERE merge_key = ANY($1::text[]) AND status = 'active'`,
          [batch],
        )),
      );
    }
    return rows;
  }

  async assignOffers(assignments: readonly (SourceKey & { offerId: string })[]): Promise<void> {
    for (const batch of chunks(assignments, BATCH)) {
      await this.db.query(
        `UPDATE source_records s SET offer_id = a."offerId"
           FROM jsonb_to_recordset($1::jsonb) AS a(source text, "sourceId" text, "offerId" text)
          WHERE s.source = a.source AND s.source_id = a."sourceId"`,
        [JSON.stringify(batch)],
      );
    }
  }

  /** The active records feeding each of these offers. */
  async activeRecordsOfOffers(
    offerIds: readonly string[],
  ): Promise<Map<string, (SourceKey & { record: unknown })[]>> {
    const byOffer = new Map<string, (SourceKey & { record: unknown })[]>();
    for (const batch of chunks(offerIds, BATCH)) {
      const rows = await this.db.query<SourceKey & { offerId: string; record: unknown }>(
        `SELECT source, source_id AS "sourceId", offer_id AS "offerId", record
           FROM source_records WHERE offer_id = ANY($1::text[]) AND status = 'active'
          ORDER BY offer_id, source, source_id`,
        [batch],
      );
      for (const { offerId, ...row } of rows) {
        const list = byOffer.get(offerId) ?? [];
        list.push(row);
        byOffer.set(offerId, list);
      }
    }
    return byOffer;
  }

  /** Stores composed offers; returns how many were new or changed. */
  async upsertOffers(runId: number, rows: readonly OfferRow[]): Promise<number> {
    let changed = 0;
    for (const batch of chunks(rows, BATCH)) {
      const payload = batch.map(({ offer, body, embedTextHash, lastSessionEnd }) => ({
        id: offer.id,
        kind: offer.kind,
        title: offer.title,
        body,
        doc: offer,
        contentHash: offer.contentHash,
        embedTextHash,
        romeCodes: offer.romeCodes,
        formacodes: offer.formacodes,
        precision: offer.location.precision,
        departement: offer.location.departement ?? null,
        lat: offer.location.lat ?? null,
        lon: offer.location.lon ?? null,
        modality: offer.modality,
        cpf: offer.funding.cpf,
        costEur: offer.costEur ?? null,
        lastSessionEnd,
        sourceCount: offer.sources.length,
      }));
      const result = await this.db.query<{ id: string }>(
        `INSERT INTO offers (id, kind, title, body, doc, content_hash, embed_text_hash, rome_codes, formacodes,
                             location_precision, departement, lat, lon, modality, cpf, cost_eur,
                             last_session_end, source_count, updated_run_id)
         SELECT o.id, o.kind, o.title, o.body, o.doc, o."contentHash", o."embedTextHash",
                ARRAY(SELECT jsonb_array_elements_text(o."romeCodes")),
                ARRAY(SELECT jsonb_array_elements_text(o.formacodes)),
                o.precision, o.departement, o.lat, o.lon, o.modality, o.cpf, o."costEur",
                o."lastSessionEnd", o."sourceCount", $2
           FROM jsonb_to_recordset($1::jsonb) AS o(id text, kind text, title text, body text, doc jsonb,
                "contentHash" text, "embedTextHash" text, "romeCodes" jsonb, formacodes jsonb, precision text,
                departement text, lat double precision, lon double precision, modality text, cpf boolean,
                "costEur" double precision, "lastSessionEnd" date, "sourceCount" integer)
         ON CONFLICT (id) DO UPDATE SET
           kind = excluded.kind, title = excluded.title, body = excluded.body, doc = excluded.doc,
           content_hash = excluded.content_hash, embed_text_hash = excluded.embed_text_hash,
           rome_codes = excluded.rome_codes, formacodes = excluded.formacodes,
           location_precision = excluded.location_precision, departement = excluded.departement,
           lat = excluded.lat, lon = excluded.lon, modality = excluded.modality, cpf = excluded.cpf,
           cost_eur = excluded.cost_eur, last_session_end = excluded.last_session_end,
           source_count = excluded.source_count, updated_run_id = excluded.updated_run_id,
           status = 'active', retired_at = NULL
         WHERE offers.content_hash <> excluded.content_hash OR offers.body <> excluded.body
            OR offers.status = 'retired'
         RETURNING id`,
        [JSON.stringify(payload), runId],
      );
      changed += result.length;
    }
    return changed;
  }

  async retireOffers(offerIds: readonly string[]): Promise<number> {
    let retired = 0;
    for (const batch of chunks(offerIds, BATCH)) {
      const rows = await this.db.query(
        `UPDATE offers SET status = 'retired', retired_at = now()
          WHERE id = ANY($1::text[]) AND status = 'active' RETURNING id`,
        [batch],
      );
      retired += rows.length;
    }
    return retired;
  }

  async activeOffers(): Promise<Offer[]> {
    const rows = await this.db.query<{ doc: Offer }>(
      "SELECT doc FROM offers WHERE status = 'active' ORDER BY id",
    );
    return rows.map((row) => row.doc);
  }

  /** Active offers whose vector for this model is missing or was made from another text. */
  async offersToEmbed(modelId: string): Promise<{ id: string; doc: Offer; embedTextHash: string }[]> {
    return this.db.query(
      `SELECT o.id, o.doc, o.embed_text_hash AS "embedTextHash"
         FROM offers o LEFT JOIN offer_embeddings e ON e.offer_id = o.id AND e.model_id = $1
        WHERE o.status = 'active' AND (e.offer_id IS NULL OR e.text_hash <> o.embed_text_hash)
        ORDER BY o.id`,
      [modelId],
    );
  }

  async saveEmbeddings(
    modelId: string,
    rows: readonly EmbeddingRow[],
    tx: Queryable = this.db,
  ): Promise<void> {
    for (const batch of chunks(rows, 500)) {
      const payload = batch.map((row) => ({
        offerId: row.offerId,
        textHash: row.textHash,
        embedding: vectorLiteral(row.vector),
      }));
      await tx.query(
        `INSERT INTO offer_embeddings (offer_id, model_id, text_hash, embedding)
         SELECT e."offerId", $2, e."textHash", e.embedding::vector
           FROM jsonb_to_recordset($1::jsonb) AS e("offerId" text, "textHash" text, embedding text)
         ON CONFLICT (offer_id, model_id) DO UPDATE SET text_hash = excluded.text_hash, embedding = excluded.embedding`,
        [JSON.stringify(payload), modelId],
      );
    }
  }

  /** Vectors of models other than the current one are of no use once it has embedded everything. */
  async deleteEmbeddingsExcept(modelId: string): Promise<void> {
    await this.db.query('DELETE FROM offer_embeddings WHERE model_id <> $1', [modelId]);
  }

  /** An HNSW index over this model's vectors (built once, then maintained by PostgreSQL on insert). */
  async ensureVectorIndex(modelId: string, dimensions: number): Promise<boolean> {
    const name = vectorIndexName(modelId);
    const [existing] = await this.db.query<{ exists: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS exists',
      [name],
    );
    if (existing?.exists) return false;
    await this.db.exec(
      `CREATE INDEX ${name} ON offer_embeddings USING hnsw ((embedding::vector(${Math.trunc(dimensions)})) vector_cosine_ops)
       WHERE model_id = ${quoteLiteral(modelId)}`,
    );
    return true;
  }

  async saveEmbeddingModel(model: {
    modelId: string;
    kind: string;
    dimensions: number;
    payload?: Uint8Array;
  }) {
    await this.db.query(
      `INSERT INTO embedding_models (model_id, kind, dimensions, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (model_id) DO NOTHING`,
      [model.modelId, model.kind, model.dimensions, model.payload ?? null],
    );
  }

  /** The most recently fitted model of a kind, with its serialized payload. */
  async latestEmbeddingModel(kind: string): Promise<{ modelId: string; payload: Uint8Array } | undefined> {
    const [row] = await this.db.query<{ modelId: string; payload: Uint8Array }>(
      `SELECT model_id AS "modelId", payload FROM embedding_models WHERE kind = $1
        ORDER BY created_at DESC, model_id LIMIT 1`,
      [kind],
    );
    return row;
  }

  async saveQuarantine(runId: number, entries: readonly QuarantineEntry[]): Promise<void> {
    for (const batch of chunks(entries, BATCH)) {
      await this.db.query(
        `INSERT INTO quarantine (run_id, file, source, position, reason, excerpt)
         SELECT $2, q.file, q.source, q.position, q.reason, q.excerpt
           FROM jsonb_to_recordset($1::jsonb) AS q(file text, source text, position text, reason text, excerpt text)`,
        [JSON.stringify(batch), runId],
      );
    }
  }

  /** Per producer: how complete its records are, and what its latest deliveries had quarantined. */
  async qualityReport(): Promise<QualityReport> {
    const sources = await this.db.query<SourceQuality>(
      `SELECT s.source,
              count(*) FILTER (WHERE status = 'active')::int AS active,
              count(*) FILTER (WHERE status = 'retired')::int AS retired,
              jsonb_build_object(
                'objectives', round(avg((record->>'objectives' IS NOT NULL)::int) FILTER (WHERE status = 'active'), 3),
                'content', round(avg((record->>'content' IS NOT NULL)::int) FILTER (WHERE status = 'active'), 3),
                'certification', round(avg((record->'certification' IS NOT NULL)::int) FILTER (WHERE status = 'active'), 3),
                'formacodes', round(avg((jsonb_array_length(record->'formacodes') > 0)::int) FILTER (WHERE status = 'active'), 3),
                'romeCodes', round(avg((jsonb_array_length(record->'romeCodes') > 0)::int) FILTER (WHERE status = 'active'), 3),
                'siret', round(avg((record->'provider'->>'siret' IS NOT NULL)::int) FILTER (WHERE status = 'active'), 3),
                'sessionDates', round(avg((record->'sessions' @? '$[*] ? (exists(@.start) || exists(@.end))')::int) FILTER (WHERE status = 'active'), 3),
                'durationHours', round(avg((record->>'durationHours' IS NOT NULL)::int) FILTER (WHERE status = 'active'), 3),
                'costEur', round(avg((record->>'costEur' IS NOT NULL)::int) FILTER (WHERE status = 'active'), 3)
              ) AS filled,
              (SELECT coalesce(jsonb_object_agg(precision, n), '{}'::jsonb)
                 FROM (SELECT record->'location'->>'precision' AS precision, count(*)::int AS n
                         FROM source_records p WHERE p.source = s.source AND p.status = 'active' GROUP BY 1) AS t
              ) AS precision
         FROM source_records s GROUP BY s.source ORDER BY s.source`,
    );
    const quarantined = await this.db.query<QuarantineCount>(
      `WITH delivered AS (
         SELECT r.id, regexp_replace(f, '^.*/', '') AS file
           FROM ingest_runs r, jsonb_array_elements_text(r.files) AS f WHERE r.status = 'completed'),
       latest AS (SELECT file, max(id) AS run_id FROM delivered GROUP BY file)
       SELECT coalesce(q.source, 'unknown') AS source, q.file, ${REASON_CLASS} AS reason, count(*)::int AS count
         FROM quarantine q JOIN latest l ON l.file = q.file AND l.run_id = q.run_id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC, 3`,
    );
    return { sources, quarantined };
  }

  /**
   * Fresh planner statistics after a run: PGlite has no autovacuum, and without them the planner
   * misjudges the filtered vector query by an order of magnitude.
   */
  async refreshStatistics(): Promise<void> {
    await this.db.exec('ANALYZE offers; ANALYZE offer_embeddings; ANALYZE source_records;');
  }

  async countActiveOffers(): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM offers WHERE status = 'active'",
    );
    return row?.count ?? 0;
  }
}

export function sourceKey(key: SourceKey): string {
  return `${key.source}:${key.sourceId}`;
}

export function vectorIndexName(modelId: string): string {
  let hash = 0;
  for (const char of modelId) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return `offer_embeddings_hnsw_${hash.toString(16)}`;
}

function vectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector, (value) => (Number.isFinite(value) ? value : 0)).join(',')}]`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

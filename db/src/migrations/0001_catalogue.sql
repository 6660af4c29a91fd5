-- The harmonised training catalogue: producer records, the offers composed from them, their
-- embeddings, and the ingestion runs with what they quarantined.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- French full-text search that ignores accents: "hopital" finds "hôpital".
CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION fr_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

CREATE TABLE ingest_runs (
  id          bigserial PRIMARY KEY,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  files       jsonb NOT NULL,
  summary     jsonb
);

-- One row per producer record, as harmonised from that producer alone. Kept (retired, not
-- deleted) when a producer stops delivering it, so that suggestions already made stay traceable.
CREATE TABLE source_records (
  source        text NOT NULL CHECK (source IN ('lheo', 'mcf', 'partner')),
  source_id     text NOT NULL,
  scope         text NOT NULL,
  merge_key     text,
  offer_id      text NOT NULL,
  content_hash  text NOT NULL,
  record        jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  first_run_id  bigint NOT NULL REFERENCES ingest_runs (id),
  last_run_id   bigint NOT NULL REFERENCES ingest_runs (id),
  retired_at    timestamptz,
  PRIMARY KEY (source, source_id)
);
CREATE INDEX source_records_merge_key ON source_records (merge_key) WHERE merge_key IS NOT NULL;
CREATE INDEX source_records_offer ON source_records (offer_id);
CREATE INDEX source_records_scope ON source_records (scope, last_run_id);

-- The catalogue as counsellors see it: one row per offer, whatever the number of producers.
CREATE TABLE offers (
  id                 text PRIMARY KEY,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  kind               text NOT NULL,
  title              text NOT NULL,
  body               text NOT NULL,
  doc                jsonb NOT NULL,
  content_hash       text NOT NULL,
  embed_text_hash    text NOT NULL,
  rome_codes         text[] NOT NULL,
  formacodes         text[] NOT NULL,
  location_precision text NOT NULL,
  departement        text,
  lat                double precision,
  lon                double precision,
  modality           text NOT NULL,
  cpf                boolean NOT NULL,
  cost_eur           double precision,
  -- Latest end among the sessions; NULL when no session has a known end.
  last_session_end   date,
  source_count       integer NOT NULL,
  updated_run_id     bigint NOT NULL REFERENCES ingest_runs (id),
  retired_at         timestamptz,
  search_tsv         tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('fr_unaccent'::regconfig, title), 'A') ||
    setweight(to_tsvector('fr_unaccent'::regconfig, body), 'B')
  ) STORED
);
CREATE INDEX offers_search ON offers USING gin (search_tsv);
CREATE INDEX offers_rome ON offers USING gin (rome_codes);
CREATE INDEX offers_position ON offers (lat, lon) WHERE status = 'active';
CREATE INDEX offers_departement ON offers (departement) WHERE status = 'active';
CREATE INDEX offers_title_trgm ON offers USING gin (title gin_trgm_ops);

-- A vector per offer and per model, so that a model change re-embeds without losing the old
-- vectors mid-way. The HNSW index is created per model (its dimension is the model's).
CREATE TABLE offer_embeddings (
  offer_id   text NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  model_id   text NOT NULL,
  text_hash  text NOT NULL,
  embedding  vector NOT NULL,
  PRIMARY KEY (offer_id, model_id)
);

-- Built-in embedders are fitted on the catalogue: the fitted model is kept so that queries and
-- later ingestions use exactly the same one.
CREATE TABLE embedding_models (
  model_id   text PRIMARY KEY,
  kind       text NOT NULL,
  dimensions integer NOT NULL,
  payload    bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE quarantine (
  id        bigserial PRIMARY KEY,
  run_id    bigint NOT NULL REFERENCES ingest_runs (id),
  file      text NOT NULL,
  source    text,
  position  text NOT NULL,
  reason    text NOT NULL,
  excerpt   text
);
CREATE INDEX quarantine_run ON quarantine (run_id);

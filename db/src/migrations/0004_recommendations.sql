-- What counsellors asked and were shown, kept for audit: only the redacted text is ever stored,
-- and everything here is purged after the retention period.
CREATE TABLE conversations (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recommendation_requests (
  id              uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  turn            integer NOT NULL,
  user_id         uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  redacted_prompt text NOT NULL,
  profile         jsonb NOT NULL,
  guardrail       jsonb NOT NULL,
  mode            text NOT NULL CHECK (mode IN ('llm', 'retrieval')),
  prompt_version  text NOT NULL,
  model           text,
  suggestions     jsonb NOT NULL,
  -- Counts and timings of the LLM step (attempts, invented ids dropped, fallback reason): no text.
  llm_run         jsonb NOT NULL,
  UNIQUE (conversation_id, turn)
);
CREATE INDEX recommendation_requests_created ON recommendation_requests (created_at);
CREATE INDEX recommendation_requests_user ON recommendation_requests (user_id, created_at);

-- Requests refused by the guardrail: counted for oversight, with no text at all.
CREATE TABLE guardrail_refusals (
  id         bigserial PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  categories text[] NOT NULL
);
CREATE INDEX guardrail_refusals_created ON guardrail_refusals (created_at);

CREATE TABLE retention_purges (
  id                bigserial PRIMARY KEY,
  purged_at         timestamptz NOT NULL DEFAULT now(),
  cutoff            timestamptz NOT NULL,
  requests_deleted  integer NOT NULL,
  refusals_deleted  integer NOT NULL,
  trigger           text NOT NULL CHECK (trigger IN ('schedule', 'admin'))
);

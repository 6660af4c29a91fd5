-- What counsellors did with the suggestions (the human decision the CNIL asks for), what they
-- reported as wrong, and who looked at the audit data.

-- One decision per request, final once stored: a re-POST of the same decision is answered with it
-- (network retries), a different one is refused. Purged with its request. Free texts (comments,
-- rewritten explanations, notes) are stored redacted by the guardrail, like the prompt.
CREATE TABLE recommendation_decisions (
  id           uuid PRIMARY KEY,
  request_id   uuid NOT NULL UNIQUE REFERENCES recommendation_requests (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id),
  -- [{offerId, action: retained | set_aside, reason?, comment?, editedText?}]
  items        jsonb NOT NULL,
  -- [{offerId, note?}]: offers of the catalogue the counsellor added themselves.
  added        jsonb NOT NULL,
  ms_to_decide integer CHECK (ms_to_decide >= 0),
  created_at   timestamptz NOT NULL
);
CREATE INDEX recommendation_decisions_created ON recommendation_decisions (created_at);

-- "Signaler une erreur" on an offer shown or added for a request. One per (request, offer, kind).
CREATE TABLE error_reports (
  id         uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES recommendation_requests (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id),
  offer_id   text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('wrong_fact', 'invented_content', 'inappropriate')),
  comment    text,
  created_at timestamptz NOT NULL,
  UNIQUE (request_id, offer_id, kind)
);

-- Every admin view of audit data, append-only and hash-chained: `hash` is the SHA-256 of
-- `prev_hash` followed by the entry's canonical content (see access-log-repository.ts), so that
-- changing, inserting or removing an entry in the middle breaks the chain from there on. The
-- UNIQUE on `prev_hash` forbids two entries following the same one (a fork). Not purged: it holds
-- pseudonyms, routes, filters and counts only.
CREATE TABLE audit_access_log (
  -- Numbered 1, 2, 3… by the repository under a lock: the number is part of the hashed content.
  id        integer PRIMARY KEY CHECK (id > 0),
  at        timestamptz NOT NULL,
  actor     text NOT NULL,
  route     text NOT NULL,
  filters   jsonb NOT NULL,
  row_count integer NOT NULL CHECK (row_count >= 0),
  prev_hash text NOT NULL UNIQUE CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash      text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

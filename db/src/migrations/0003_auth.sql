-- Counsellors and admins, and their sessions. Sessions live here rather than in a process so that
-- the API is stateless and any replica can serve any request.

-- Usernames are stored lowercased (no citext: the embedded database does not load it), so that
-- "Jean.Dupont" and "jean.dupont" are one account. `pseudonym` is what audit screens show instead
-- of the name; it never changes.
CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username      text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 100),
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('counsellor', 'admin')),
  team          text,
  pseudonym     text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

-- `id` is the SHA-256 of the session token: a copy of this table (backup, dump, log of a query)
-- does not hand out live sessions. `expires_at` is when the session will end if not used again,
-- refreshed at each use; it lets expired sessions be purged through an index.
CREATE TABLE sessions (
  id           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

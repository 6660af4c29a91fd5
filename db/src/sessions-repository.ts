import type { Queryable } from './database';

/** How long a session lives: ended by `idleMs` without use, and by `absoluteMs` after its creation in any case. */
export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

export interface StoredSession {
  /** SHA-256 (hex) of the token held by the browser: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface NewSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
}

const SESSION_COLUMNS = `id AS "tokenHash", user_id AS "userId", csrf_token AS "csrfToken",
  created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"`;

/**
 * Sessions, keyed by the hash of their token. Times come from the caller's clock, not the
 * database's, so that expiry is testable and consistent with the rest of the request.
 */
export class SessionsRepository {
  constructor(
    private readonly db: Queryable,
    private readonly lifetimes: SessionLifetimes,
  ) {}

  async create(session: NewSession, now: Date): Promise<StoredSession> {
    const [row] = await this.db.query<StoredSession>(
      `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz,
               $4::timestamptz + least($5, $6)::double precision * interval '1 millisecond')
       RETURNING ${SESSION_COLUMNS}`,
      [
        session.tokenHash,
        session.userId,
        session.csrfToken,
        now.toISOString(),
        this.lifetimes.idleMs,
        this.lifetimes.absoluteMs,
      ],
    );
    if (!row) throw new Error('session not created');
    return row;
  }

  /**
   * The session if it is still valid at `now`, marked as used: its idle deadline moves on (never
   * past its absolute one). Validity is checked against the current lifetimes, not the stored
   * `expires_at`, so that shortening them takes effect at once.
   */
  async findValid(tokenHash: string, now: Date): Promise<StoredSession | undefined> {
    const [row] = await this.db.query<StoredSession>(
      `WITH lifetimes AS (
         SELECT $3::double precision * interval '1 millisecond' AS idle,
                $4::double precision * interval '1 millisecond' AS absolute)
       UPDATE sessions SET
         -- Replicas' clocks may disagree slightly: a use never moves last_seen_at back.
         last_seen_at = greatest(last_seen_at, $2::timestamptz),
         expires_at = least(greatest(last_seen_at, $2::timestamptz) + l.idle, created_at + l.absolute)
         FROM lifetimes l
        WHERE id = $1
          AND $2::timestamptz < last_seen_at + l.idle
          AND $2::timestamptz < created_at + l.absolute
       RETURNING ${SESSION_COLUMNS}`,
      [tokenHash, now.toISOString(), this.lifetimes.idleMs, this.lifetimes.absoluteMs],
    );
    return row;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id = $1', [tokenHash]);
  }

  /** @returns how many sessions were purged. */
  async deleteExpired(now: Date): Promise<number> {
    const rows = await this.db.query(
      'DELETE FROM sessions WHERE expires_at <= $1::timestamptz RETURNING 1 AS purged',
      [now.toISOString()],
    );
    return rows.length;
  }
}

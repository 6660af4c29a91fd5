import type { Database } from '@reco/db';

/**
 * Whether every recommendation request of a load test is accounted for: what the load generator
 * counted as answered (2xx) beside what the server received and what the database stored for the
 * load's counsellors.
 */
export interface RequestLedger {
  /** 2xx answers the load generator received. */
  answered2xx: number;
  /** Failures the load generator saw: non-2xx answers, transport errors, timeouts. */
  failed: number;
  /** Requests that reached the server. */
  received: number;
  /** Recommendation requests stored for the load's counsellors. */
  stored: number;
  /**
   * Stored but never seen answered: requests in flight when the load generator stopped (it drops
   * its connections at the end of its duration; the server finishes and stores them anyway).
   */
  abandonedAtStop: number;
  /** 2xx answers with nothing stored behind them, or received requests neither stored nor refused. */
  lost: number;
  /** Nothing failed and nothing was lost. */
  ok: boolean;
}

const SETTLE_INTERVAL_MS = 500;

/**
 * Stored recommendation requests of these users (the load's counsellors, created for it), once the
 * count stops changing: a request whose client left is still being worked on after its response
 * closed, and is stored a moment later.
 */
export async function countStoredRecommendations(db: Database, userIds: readonly string[]): Promise<number> {
  let previous = -1;
  for (;;) {
    const [row] = await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM recommendation_requests WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    const count = row?.count ?? 0;
    if (count === previous) return count;
    previous = count;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_INTERVAL_MS));
  }
}

/**
 * At most `maxAbandoned` requests (the number of connections) may be stored without the load
 * generator having seen their answer; every 2xx it saw and every request the server received must
 * be stored, and nothing may have failed.
 */
export function reconcile(counts: {
  answered2xx: number;
  failed: number;
  received: number;
  stored: number;
  maxAbandoned: number;
}): RequestLedger {
  const { answered2xx, failed, received, stored, maxAbandoned } = counts;
  const abandonedAtStop = Math.max(0, stored - answered2xx);
  const lost = Math.max(answered2xx - stored, received - failed - stored, 0);
  return {
    answered2xx,
    failed,
    received,
    stored,
    abandonedAtStop,
    lost,
    ok: failed === 0 && lost === 0 && abandonedAtStop <= maxAbandoned,
  };
}

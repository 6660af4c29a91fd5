import { AuditRepository, type Database, RecommendationRepository, UsersRepository } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aStoredRecommendation } from '../../../db/test/stored-recommendation';
import { openTestDatabase } from '../../../db/test/test-databases';
import { RetentionPolicy } from './retention';

const DAY = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;
const NOW = new Date('2026-11-20T08:00:00.000Z');
const PERIOD_START = new Date(NOW.getTime() - RETENTION_DAYS * DAY);

describe('the retention purge, on an injected clock', () => {
  let db: Database;
  let recommendations: RecommendationRepository;
  let now = NOW;
  const policy = () => new RetentionPolicy(recommendations, RETENTION_DAYS, () => now);

  beforeAll(async () => {
    db = await openTestDatabase();
    recommendations = new RecommendationRepository(db);
    const user = await new UsersRepository(db).create({
      username: 'c1',
      passwordHash: 'x',
      role: 'counsellor',
      team: null,
    });
    for (const [n, createdAt] of [
      [1, new Date(PERIOD_START.getTime() - 1)],
      [2, PERIOD_START],
      [3, new Date(PERIOD_START.getTime() + 1)],
    ] as const) {
      const conversationId = `00000000-0000-4000-8000-00000000000${n}`;
      await recommendations.startConversation(conversationId, user.id, createdAt);
      await recommendations.save(
        aStoredRecommendation({
          id: `00000000-0000-4000-8000-0000000000a${n}`,
          conversationId,
          userId: user.id,
          createdAt,
        }),
      );
      await recommendations.recordRefusal(user.id, ['health'], createdAt);
    }
  });
  afterAll(() => db.close());

  const kept = async () =>
    (await db.query<{ id: string }>('SELECT id FROM recommendation_requests ORDER BY id')).map((row) =>
      row.id.slice(-2),
    );

  it('deletes what is past the period and keeps what is exactly at its start, then records the purge', async () => {
    expect(await policy().purge('schedule')).toEqual({
      cutoff: PERIOD_START,
      requestsDeleted: 1,
      decisionsDeleted: 0,
      errorReportsDeleted: 0,
      conversationsDeleted: 1,
      refusalsDeleted: 1,
    });
    expect(await kept()).toEqual(['a2', 'a3']);
    expect(await new AuditRepository(db).lastPurge()).toEqual({
      purgedAt: NOW,
      cutoff: PERIOD_START,
      requestsDeleted: 1,
      refusalsDeleted: 1,
      trigger: 'schedule',
    });
  });

  it('deletes the next row once the clock has moved past it, and only it', async () => {
    now = new Date(NOW.getTime() + 1);
    expect(await policy().purge('admin')).toMatchObject({ requestsDeleted: 1, refusalsDeleted: 1 });
    expect(await kept()).toEqual(['a3']);
    expect(await policy().purge('admin')).toMatchObject({ requestsDeleted: 0, refusalsDeleted: 0 });
    const purges = await db.query<{ trigger: string; requests: number }>(
      'SELECT trigger, requests_deleted AS requests FROM retention_purges ORDER BY id',
    );
    expect(purges).toEqual([
      { trigger: 'schedule', requests: 1 },
      { trigger: 'admin', requests: 1 },
      { trigger: 'admin', requests: 0 },
    ]);
  });
});

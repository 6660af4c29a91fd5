import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openDatabase } from './open-database';
import { RecommendationRepository, type StoredRecommendation } from './recommendation-repository';
import { UsersRepository } from './users-repository';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-04T10:00:00Z');

describe('recommendation audit store and retention purge', () => {
  let db: Database;
  let repo: RecommendationRepository;
  let userId: string;
  let otherUserId: string;

  beforeAll(async () => {
    db = await openDatabase({});
    repo = new RecommendationRepository(db);
    const users = new UsersRepository(db);
    userId = (await users.create({ username: 'c1', passwordHash: 'x', role: 'counsellor', team: null })).id;
    otherUserId = (await users.create({ username: 'c2', passwordHash: 'x', role: 'counsellor', team: null }))
      .id;
  });
  afterAll(() => db.close());

  const request = (
    id: string,
    conversationId: string,
    turn: number,
    createdAt: Date,
  ): StoredRecommendation => ({
    id,
    conversationId,
    turn,
    userId,
    redactedPrompt: `demande ${turn} pour [PRÉNOM]`,
    profile: { location: { inseeCode: '44109' }, mobilityKm: 20 },
    guardrail: {
      decision: 'warn',
      categories: ['identifier'],
      findings: [{ category: 'identifier', start: 17, end: 22 }],
    },
    mode: 'retrieval',
    promptVersion: 'regles-v1',
    model: null,
    suggestions: [],
    llmRun: { attempts: 0 },
    createdAt,
  });

  it('keeps a conversation to its counsellor', async () => {
    const conversation = '00000000-0000-4000-8000-000000000001';
    await repo.startConversation(conversation, userId, NOW);
    await repo.save(request('00000000-0000-4000-8000-0000000000a1', conversation, 1, NOW));
    await repo.save(request('00000000-0000-4000-8000-0000000000a2', conversation, 2, NOW));

    expect((await repo.conversationTurns(conversation, userId))?.map((turn) => turn.turn)).toEqual([1, 2]);
    expect(await repo.conversationTurns(conversation, otherUserId)).toBeUndefined();
  });

  it('purges exactly what is older than the retention period, and records the purge', async () => {
    const conversation = '00000000-0000-4000-8000-000000000002';
    await repo.startConversation(conversation, userId, new Date(NOW.getTime() - 100 * DAY));
    await repo.save(
      request('00000000-0000-4000-8000-0000000000b1', conversation, 1, new Date(NOW.getTime() - 91 * DAY)),
    );
    await repo.save(
      request('00000000-0000-4000-8000-0000000000b2', conversation, 2, new Date(NOW.getTime() - 89 * DAY)),
    );
    await repo.recordRefusal(userId, ['health'], new Date(NOW.getTime() - 95 * DAY));
    await repo.recordRefusal(userId, ['health'], new Date(NOW.getTime() - DAY));

    const result = await repo.purgeOlderThan(new Date(NOW.getTime() - 90 * DAY), 'admin', NOW);

    expect(result).toMatchObject({ requestsDeleted: 1, refusalsDeleted: 1 });
    expect(await repo.find('00000000-0000-4000-8000-0000000000b1')).toBeUndefined();
    expect(await repo.find('00000000-0000-4000-8000-0000000000b2')).toBeDefined();
    expect(await repo.find('00000000-0000-4000-8000-0000000000a1')).toBeDefined();
    const [purge] = await db.query<{ requests_deleted: number; trigger: string }>(
      'SELECT requests_deleted, trigger FROM retention_purges',
    );
    expect(purge).toEqual({ requests_deleted: 1, trigger: 'admin' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aStoredRecommendation } from '../test/stored-recommendation';
import type { Database } from './database';
import { DecisionRepository } from './decision-repository';
import { openDatabase } from './open-database';
import { RecommendationRepository } from './recommendation-repository';
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

  const request = (id: string, conversationId: string, turn: number, createdAt: Date) =>
    aStoredRecommendation({
      id,
      conversationId,
      turn,
      userId,
      createdAt,
      redactedPrompt: `demande ${turn} pour [PRÉNOM]`,
      guardrail: {
        decision: 'warn',
        categories: ['identifier'],
        findings: [{ category: 'identifier', start: 17, end: 22 }],
      },
    });

  it('keeps a conversation to its counsellor', async () => {
    const conversation = '00000000-0000-4000-8000-000000000001';
    await repo.startConversation(conversation, userId, NOW);
    await repo.save(request('00000000-0000-4000-8000-0000000000a1', conversation, 1, NOW));
    await repo.save(request('00000000-0000-4000-8000-0000000000a2', conversation, 2, NOW));

    expect((await repo.conversationTurns(conversation, userId))?.map((turn) => turn.turn)).toEqual([1, 2]);
    expect(await repo.conversationTurns(conversation, otherUserId)).toBeUndefined();
  });

  it('purges exactly what was created before the cutoff, with what hangs off it, and records the purge', async () => {
    const cutoff = new Date(NOW.getTime() - 90 * DAY);
    const justBefore = new Date(cutoff.getTime() - 1);
    const conversation = '00000000-0000-4000-8000-000000000002';
    await repo.startConversation(conversation, userId, new Date(NOW.getTime() - 100 * DAY));
    await repo.save(request('00000000-0000-4000-8000-0000000000b1', conversation, 1, justBefore));
    await repo.save(request('00000000-0000-4000-8000-0000000000b2', conversation, 2, cutoff));
    const emptied = '00000000-0000-4000-8000-000000000003';
    await repo.startConversation(emptied, userId, justBefore);
    await repo.save(request('00000000-0000-4000-8000-0000000000c1', emptied, 1, justBefore));
    const decisions = new DecisionRepository(db);
    for (const requestId of [
      '00000000-0000-4000-8000-0000000000b1',
      '00000000-0000-4000-8000-0000000000b2',
    ]) {
      await decisions.saveOnce({
        id: crypto.randomUUID(),
        requestId,
        userId,
        items: [],
        added: [],
        msToDecide: null,
        createdAt: NOW,
      });
      await decisions.saveErrorReportOnce({
        id: crypto.randomUUID(),
        requestId,
        userId,
        offerId: 'o-1',
        kind: 'inappropriate',
        comment: null,
        createdAt: NOW,
      });
    }
    await repo.recordRefusal(userId, ['health'], justBefore);
    await repo.recordRefusal(userId, ['health'], cutoff);

    const result = await repo.purgeOlderThan(cutoff, 'admin', NOW);

    expect(result).toEqual({
      cutoff,
      requestsDeleted: 2,
      decisionsDeleted: 1,
      errorReportsDeleted: 1,
      // The first conversation keeps its request made at the cutoff itself.
      conversationsDeleted: 1,
      refusalsDeleted: 1,
    });
    expect(await repo.find('00000000-0000-4000-8000-0000000000b1')).toBeUndefined();
    expect(await repo.find('00000000-0000-4000-8000-0000000000c1')).toBeUndefined();
    expect(await repo.find('00000000-0000-4000-8000-0000000000b2')).toBeDefined();
    expect(await repo.find('00000000-0000-4000-8000-0000000000a1')).toBeDefined();
    expect(await decisions.findByRequest('00000000-0000-4000-8000-0000000000b2')).toBeDefined();
    expect(await repo.conversationTurns(conversation, userId)).toHaveLength(1);
    expect(await repo.conversationTurns(emptied, userId)).toBeUndefined();
    const refusals = await db.query<{ createdAt: Date }>(
      'SELECT created_at AS "createdAt" FROM guardrail_refusals',
    );
    expect(refusals).toEqual([{ createdAt: cutoff }]);
    expect(
      await db.query(
        'SELECT purged_at, cutoff, requests_deleted, refusals_deleted, decisions_deleted, error_reports_deleted, conversations_deleted, trigger FROM retention_purges',
      ),
    ).toEqual([
      {
        purged_at: NOW,
        cutoff,
        requests_deleted: 2,
        refusals_deleted: 1,
        decisions_deleted: 1,
        error_reports_deleted: 1,
        conversations_deleted: 1,
        trigger: 'admin',
      },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessLogEntry,
  AccessLogRepository,
  accessLogContent,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
} from './access-log-repository';
import type { Database } from './database';
import { openDatabase } from './open-database';

const AT = new Date('2026-12-04T10:00:00.123Z');

/** What only a superuser can do: write to the log with its append-only triggers off. */
function tamper(db: Database, sql: string, params: unknown[] = []) {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

describe('the admins’ access log, hash-chained', () => {
  let db: Database;
  let log: AccessLogRepository;

  beforeAll(async () => {
    db = await openDatabase({});
    log = new AccessLogRepository(db);
  });
  afterAll(() => db.close());

  const entry = (rowCount: number, filters: Record<string, unknown> = {}) => ({
    at: AT,
    actor: 'A-1F2E3D',
    route: 'GET /api/admin/requests',
    filters,
    rowCount,
  });

  it('chains each entry to the previous one, from the genesis hash', async () => {
    const first = await log.append(entry(4, { team: 'Lyon Est', from: '2026-11-01', to: undefined }));
    const second = await log.append(entry(2));
    const third = await log.append(entry(0));

    expect(first).toMatchObject({
      id: 1,
      prevHash: GENESIS_HASH,
      filters: { from: '2026-11-01', team: 'Lyon Est' },
    });
    expect(first.hash).toBe(chainHash(GENESIS_HASH, accessLogContent(first)));
    expect(second).toMatchObject({ id: 2, prevHash: first.hash });
    expect(third).toMatchObject({ id: 3, prevHash: second.hash });
    expect(await log.verifyChain()).toEqual({ ok: true, entries: 3, lastHash: third.hash });
    const { total, items } = await log.list(2, 0);
    expect(total).toBe(3);
    expect(items.map((item) => item.id)).toEqual([3, 2]);
    expect(items[0]?.at).toEqual(AT);
  });

  it('hashes a canonical content: key order and undefined members do not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { f: 1, e: 0 }] } })).toBe(
      '{"a":{"c":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  const storedHashes = async () =>
    (await db.query<{ hash: string }>('SELECT hash FROM audit_access_log ORDER BY id')).map(
      (row) => row.hash,
    );

  it('detects an entry edited in place, even with its hash left alone', async () => {
    const [, second, third] = await storedHashes();
    const [edited] = (await log.list(1, 1)).items;
    await tamper(db, 'UPDATE audit_access_log SET row_count = 999 WHERE id = 2');
    expect(await log.verifyChain()).toEqual({
      ok: false,
      entries: 1,
      firstBrokenId: 2,
      reason: 'content_changed',
    });
    // The audit lists the edited entry alone: the entries after it still point to its stored hash.
    expect(await log.inspectChain()).toEqual({
      entries: 3,
      lastHash: third,
      breaks: [
        {
          id: 2,
          reason: 'content_changed',
          expected: chainHash(
            edited?.prevHash ?? '',
            accessLogContent({ ...(edited as AccessLogEntry), rowCount: 999 }),
          ),
          found: second,
        },
      ],
    });
    await tamper(db, 'UPDATE audit_access_log SET row_count = 2 WHERE id = 2');
    expect((await log.verifyChain()).ok).toBe(true);
  });

  it('detects an entry removed from the middle', async () => {
    const [removed] = await db.query<Record<string, unknown>>('SELECT * FROM audit_access_log WHERE id = 2');
    const [first, second, third] = await storedHashes();
    await tamper(db, 'DELETE FROM audit_access_log WHERE id = 2');
    expect(await log.verifyChain()).toEqual({
      ok: false,
      entries: 1,
      firstBrokenId: 3,
      reason: 'chain_broken',
    });
    expect(await log.inspectChain()).toEqual({
      entries: 2,
      lastHash: third,
      breaks: [{ id: 3, reason: 'chain_broken', expected: first, found: second }],
    });
    await db.query(
      `INSERT INTO audit_access_log (id, at, actor, route, filters, row_count, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
      [
        removed?.id,
        removed?.at,
        removed?.actor,
        removed?.route,
        JSON.stringify(removed?.filters),
        removed?.row_count,
        removed?.prev_hash,
        removed?.hash,
      ],
    );
    expect((await log.verifyChain()).ok).toBe(true);
  });

  it('refuses a second entry after the same one (a fork)', async () => {
    const [last] = await db.query<{ hash: string }>('SELECT hash FROM audit_access_log WHERE id = 2');
    await expect(
      db.query(
        `INSERT INTO audit_access_log (id, at, actor, route, filters, row_count, prev_hash, hash)
         VALUES (99, now(), 'A-X', 'GET /x', '{}', 0, $1, $2)`,
        [last?.hash, 'f'.repeat(64)],
      ),
    ).rejects.toThrow();
  });

  it('keeps one chain under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => log.append(entry(i))));
    const verification = await log.verifyChain();
    expect(verification).toMatchObject({ ok: true, entries: 11 });
  });
});

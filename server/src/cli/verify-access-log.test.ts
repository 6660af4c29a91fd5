import { AccessLogRepository, type Database, openDatabase } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, serveTestDatabase } from '../../../db/test/test-databases';
import { runCommand } from '../../test/run-command';
import { verifyAccessLog } from './access-log-verification';

const AT = new Date('2026-12-04T10:00:00Z');
const HASH = /^[0-9a-f]{64}$/;

async function appendEntries(db: Database, count: number): Promise<void> {
  const log = new AccessLogRepository(db);
  for (let i = 0; i < count; i++)
    await log.append({
      at: AT,
      actor: 'A-1F2E3D',
      route: 'GET /api/admin/requests',
      filters: {},
      rowCount: i,
    });
}

/** What only a superuser can do: write to the log with its append-only triggers off. */
function tamper(db: Database, sql: string): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql);
  });
}

function runCli(databaseEnv: Record<string, string>) {
  return runCommand('server/src/cli/verify-access-log.ts', { env: databaseEnv });
}

async function storedHashes(db: Database) {
  return db.query<{ prevHash: string; hash: string }>(
    'SELECT prev_hash AS "prevHash", hash FROM audit_access_log ORDER BY id',
  );
}

describe('npm run audit:verify', () => {
  let db: Database;
  const lines: string[] = [];
  const verify = () => {
    lines.length = 0;
    return verifyAccessLog(new AccessLogRepository(db), (line) => lines.push(line));
  };

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('says the log is intact, with its entry count and last hash, and exits 0', async () => {
    await appendEntries(db, 4);
    const last = (await storedHashes(db)).at(-1)?.hash;

    expect(await verify()).toBe(0);
    expect(lines).toEqual([`access log intact: 4 entries, last hash ${last}`]);
    expect(last).toMatch(HASH);
  });

  it('lists each break with the hash expected and the one found, and exits 1', async () => {
    const before = await storedHashes(db);
    await tamper(db, 'UPDATE audit_access_log SET row_count = 999 WHERE id = 2');
    await tamper(db, 'DELETE FROM audit_access_log WHERE id = 3');

    expect(await verify()).toBe(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('access log NOT intact: 2 of 3 entries do not fit the chain');
    expect(lines[1]).toMatch(
      new RegExp(
        `^entry 2: content changed: its content hashes to [0-9a-f]{64}, stored hash is ${before[1]?.hash}$`,
      ),
    );
    expect(lines[1]).not.toContain(`hashes to ${before[1]?.hash}`);
    expect(lines[2]).toBe(
      `entry 4: chain broken: the entry before has hash ${before[1]?.hash}, stored prev_hash is ${before[2]?.hash}`,
    );
  });

  it('runs as a command on the configured database', async () => {
    const served = await serveTestDatabase();
    try {
      const settings = { databaseUrl: served.env.DATABASE_URL, pgliteDir: served.env.PGLITE_DIR };
      const seeded = await openDatabase(settings);
      await appendEntries(seeded, 2);
      await tamper(seeded, 'UPDATE audit_access_log SET actor = $$A-OTHER$$ WHERE id = 1');
      await seeded.close();

      const result = await runCli(served.env);

      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(
        /^access log NOT intact: 1 of 2 entries do not fit the chain\nentry 1: content changed: .*\n$/,
      );
    } finally {
      await served.close();
    }
  });
});

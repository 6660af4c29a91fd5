import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openDatabase } from './open-database';
import { SessionsRepository } from './sessions-repository';
import { UsersRepository } from './users-repository';

const MINUTE = 60_000;
const T0 = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const hash = (digit: string) => digit.repeat(64);

describe('SessionsRepository on the embedded PostgreSQL', () => {
  let db: Database;
  let sessions: SessionsRepository;
  let userId: string;
  beforeAll(async () => {
    db = await openDatabase({});
    sessions = new SessionsRepository(db, { idleMs: 30 * MINUTE, absoluteMs: 600 * MINUTE });
    userId = (
      await new UsersRepository(db).create({
        username: 'u',
        passwordHash: 'h',
        role: 'counsellor',
        team: null,
      })
    ).id;
  });
  afterAll(() => db.close());

  it('creates a session ending after the idle timeout', async () => {
    const created = await sessions.create({ tokenHash: hash('a'), userId, csrfToken: 'csrf' }, T0);
    expect(created).toMatchObject({ tokenHash: hash('a'), userId, csrfToken: 'csrf' });
    expect(created.expiresAt).toEqual(at(30));
  });

  it('slides the idle deadline at each use', async () => {
    const used = await sessions.findValid(hash('a'), at(20));
    expect(used?.lastSeenAt).toEqual(at(20));
    expect(used?.expiresAt).toEqual(at(50));
    expect(await sessions.findValid(hash('a'), at(49))).toBeDefined();
  });

  it('ends a session left idle', async () => {
    await sessions.create({ tokenHash: hash('b'), userId, csrfToken: 'c' }, T0);
    expect(await sessions.findValid(hash('b'), at(30))).toBeUndefined();
  });

  it('ends a session at its absolute lifetime even when used all along', async () => {
    await sessions.create({ tokenHash: hash('c'), userId, csrfToken: 'c' }, T0);
    for (let minute = 25; minute < 600; minute += 25) {
      expect(await sessions.findValid(hash('c'), at(minute))).toBeDefined();
    }
    const last = await sessions.findValid(hash('c'), at(599));
    expect(last?.expiresAt).toEqual(at(600));
    expect(await sessions.findValid(hash('c'), at(600))).toBeUndefined();
  });

  it('deletes one session, and purges the expired ones', async () => {
    await sessions.create({ tokenHash: hash('d'), userId, csrfToken: 'c' }, at(1000));
    await sessions.delete(hash('d'));
    expect(await sessions.findValid(hash('d'), at(1001))).toBeUndefined();

    await sessions.create({ tokenHash: hash('e'), userId, csrfToken: 'c' }, at(1000));
    expect(await sessions.deleteExpired(at(1000))).toBe(3);
    const left = await db.query<{ id: string }>('SELECT id FROM sessions');
    expect(left.map((row) => row.id)).toEqual([hash('e')]);
  });

  it('refuses to store anything but a SHA-256 hex as the key', async () => {
    await expect(
      sessions.create({ tokenHash: 'raw-token-value', userId, csrfToken: 'c' }, T0),
    ).rejects.toThrow();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openDatabase } from './open-database';
import { UsernameTakenError, UsersRepository } from './users-repository';

describe('UsersRepository on the embedded PostgreSQL', () => {
  let db: Database;
  let users: UsersRepository;
  beforeAll(async () => {
    db = await openDatabase({});
    users = new UsersRepository(db);
  });
  afterAll(() => db.close());

  it('creates a user with a lowercased username and a stable pseudonym by role', async () => {
    const created = await users.create({
      username: 'Marie.Curie',
      passwordHash: '$argon2id$fake',
      role: 'counsellor',
      team: 'Agence Lyon 3',
    });
    expect(created).toMatchObject({ username: 'marie.curie', role: 'counsellor', team: 'Agence Lyon 3' });
    expect(created.pseudonym).toMatch(/^C-[0-9A-F]{6}$/);
    expect(created.disabledAt).toBeNull();
    expect(await users.findById(created.id)).toEqual(created);

    const admin = await users.create({ username: 'root', passwordHash: 'x', role: 'admin', team: null });
    expect(admin.pseudonym).toMatch(/^A-[0-9A-F]{6}$/);
  });

  it('finds by username whatever the case, with the hash only there', async () => {
    const found = await users.findByUsername('MARIE.CURIE');
    expect(found?.passwordHash).toBe('$argon2id$fake');
    expect(await users.findByUsername('nobody')).toBeUndefined();
    const listed = await users.list();
    expect(listed.map((user) => user.username)).toEqual(['marie.curie', 'root']);
    expect(listed[0]).not.toHaveProperty('passwordHash');
  });

  it('refuses a username taken in another case', async () => {
    await expect(
      users.create({ username: 'MARIE.curie', passwordHash: 'y', role: 'admin', team: null }),
    ).rejects.toBeInstanceOf(UsernameTakenError);
  });

  it('replaces a password hash', async () => {
    const user = await users.findByUsername('root');
    await users.setPasswordHash(user?.id ?? '', 'new-hash');
    expect((await users.findByUsername('root'))?.passwordHash).toBe('new-hash');
  });
});

import { randomBytes } from 'node:crypto';
import type { UserRole } from '@reco/contracts';
import type { Queryable } from './database';

export interface User {
  id: string;
  /** Lowercased. */
  username: string;
  role: UserRole;
  team: string | null;
  /** Shown in audit screens instead of the name, e.g. `C-7F3A9B`; never changes. */
  pseudonym: string;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface UserWithPasswordHash extends User {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: UserRole;
  team: string | null;
}

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`username already taken: ${username}`);
    this.name = 'UsernameTakenError';
  }
}

const USER_COLUMNS = `id, username, role, team, pseudonym, created_at AS "createdAt", disabled_at AS "disabledAt"`;

/** A random pseudonym collides once in a while: a few new draws always find a free one. */
const PSEUDONYM_ATTEMPTS = 5;

/** Counsellors and admins. Usernames are compared lowercased. */
export class UsersRepository {
  constructor(private readonly db: Queryable) {}

  /** @throws UsernameTakenError when the (lowercased) username exists. */
  async create(user: NewUser): Promise<User> {
    for (let attempt = 0; attempt < PSEUDONYM_ATTEMPTS; attempt++) {
      const [created] = await this.db.query<User>(
        `INSERT INTO users (username, password_hash, role, team, pseudonym)
         VALUES (lower($1), $2, $3, $4, $5)
         ON CONFLICT DO NOTHING
         RETURNING ${USER_COLUMNS}`,
        [user.username, user.passwordHash, user.role, user.team, drawPseudonym(user.role)],
      );
      if (created) return created;
      if (await this.findByUsername(user.username)) throw new UsernameTakenError(user.username.toLowerCase());
    }
    throw new Error('no free pseudonym found');
  }

  /** With the password hash: what a login checks. */
  async findByUsername(username: string): Promise<UserWithPasswordHash | undefined> {
    const [row] = await this.db.query<UserWithPasswordHash>(
      `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE username = lower($1)`,
      [username],
    );
    return row;
  }

  async findById(id: string): Promise<User | undefined> {
    const [row] = await this.db.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row;
  }

  async list(): Promise<User[]> {
    return this.db.query<User>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
  }
}

function drawPseudonym(role: UserRole): string {
  return `${role === 'admin' ? 'A' : 'C'}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

import type { UserWithPasswordHash } from '@reco/db';
import { describe, expect, it } from 'vitest';
import { Authenticator } from './authenticator';
import type { PasswordHasher } from './password-hasher';

/** Counts verifications: the cost of an attempt must not depend on the user existing. */
function countingHasher() {
  const calls = { hash: 0, verify: 0 };
  const hasher: PasswordHasher = {
    hash: async (password) => {
      calls.hash++;
      return `hash:${password}`;
    },
    verify: async (hash, password) => {
      calls.verify++;
      return hash === `hash:${password}`;
    },
  };
  return { hasher, calls };
}

const ALICE: UserWithPasswordHash = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'alice',
  role: 'counsellor',
  team: null,
  pseudonym: 'C-000001',
  createdAt: new Date(0),
  disabledAt: null,
  passwordHash: 'hash:right',
};

function authenticatorWith(users: UserWithPasswordHash[]) {
  const { hasher, calls } = countingHasher();
  const authenticator = new Authenticator(
    { findByUsername: async (username) => users.find((user) => user.username === username.toLowerCase()) },
    hasher,
  );
  return { authenticator, calls };
}

describe('Authenticator', () => {
  it('returns the user, without the hash, for the right password', async () => {
    const { authenticator } = authenticatorWith([ALICE]);
    const user = await authenticator.authenticate('Alice', 'right');
    expect(user).toMatchObject({ id: ALICE.id, username: 'alice' });
    expect(user).not.toHaveProperty('passwordHash');
  });

  it('costs one verification for a wrong password, an unknown user and a disabled account alike', async () => {
    for (const [users, username, password] of [
      [[ALICE], 'alice', 'wrong'],
      [[ALICE], 'bob', 'right'],
      [[{ ...ALICE, disabledAt: new Date(0) }], 'alice', 'right'],
    ] as const) {
      const { authenticator, calls } = authenticatorWith([...users]);
      expect(await authenticator.authenticate(username, password)).toBeUndefined();
      expect(calls.verify).toBe(1);
    }
  });
});

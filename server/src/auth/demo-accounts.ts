import type { UserRole } from '@reco/contracts';
import type { UsersRepository } from '@reco/db';
import type { PasswordHasher } from './password-hasher';

export const DEMO_ACCOUNTS: readonly { username: string; role: UserRole; team: string | null }[] = [
  { username: 'conseiller.demo', role: 'counsellor', team: 'Équipe démo' },
  { username: 'admin.demo', role: 'admin', team: null },
];

/**
 * Demo mode only: makes sure each demo account exists with `password`. Idempotent: an existing
 * account is kept (with its pseudonym and history), its hash replaced only if `password` changed.
 */
export async function seedDemoAccounts(
  users: UsersRepository,
  hasher: PasswordHasher,
  password: string,
): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await users.findByUsername(account.username);
    if (!existing) {
      await users.create({ ...account, passwordHash: await hasher.hash(password) });
    } else if (!(await hasher.verify(existing.passwordHash, password))) {
      await users.setPasswordHash(existing.id, await hasher.hash(password));
    }
  }
}

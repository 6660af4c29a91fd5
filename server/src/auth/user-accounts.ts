import type { UserRole } from '@reco/contracts';
import { type User, UsernameTakenError, type UsersRepository } from '@reco/db';
import type { PasswordHasher } from './password-hasher';

/** ANSSI and OWASP agree on length over composition rules: 12 characters at least. */
export const MIN_PASSWORD_LENGTH = 12;
/** What the login route accepts: a longer password could never be used. */
const MAX_PASSWORD_LENGTH = 1024;
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export interface NewAccount {
  username: string;
  password: string;
  role: UserRole;
  team: string | null;
}

/** A refusal to show the admin as is (in French). */
export class AccountRefusedError extends Error {
  override readonly name = 'AccountRefusedError';
}

/**
 * Creates an account after checking it. `allowShortPassword` is for demo mode only, whose
 * accounts share a known password anyway.
 * @throws AccountRefusedError
 */
export async function createAccount(
  users: UsersRepository,
  hasher: PasswordHasher,
  account: NewAccount,
  options: { allowShortPassword: boolean },
): Promise<User> {
  checkAccount(account, options);
  try {
    return await users.create({
      username: account.username,
      passwordHash: await hasher.hash(account.password),
      role: account.role,
      team: account.team,
    });
  } catch (error) {
    if (error instanceof UsernameTakenError) {
      throw new AccountRefusedError(`L’identifiant « ${error.username} » est déjà utilisé.`);
    }
    throw error;
  }
}

/** Checks what can be checked without the database, so that a refusal costs nothing. */
export function checkAccount(account: NewAccount, options: { allowShortPassword: boolean }): void {
  if (!USERNAME.test(account.username.toLowerCase())) {
    throw new AccountRefusedError(
      'Identifiant invalide : lettres, chiffres, « . », « _ » ou « - », 100 caractères au plus, en commençant par une lettre ou un chiffre.',
    );
  }
  const length = [...account.password].length;
  if (length < MIN_PASSWORD_LENGTH && !options.allowShortPassword) {
    throw new AccountRefusedError(`Mot de passe trop court : ${MIN_PASSWORD_LENGTH} caractères au moins.`);
  }
  if (length === 0 || account.password.length > MAX_PASSWORD_LENGTH) {
    throw new AccountRefusedError(
      `Mot de passe vide ou trop long (${MAX_PASSWORD_LENGTH} caractères au plus).`,
    );
  }
}

import { randomBytes } from 'node:crypto';
import type { User, UsersRepository } from '@reco/db';
import type { PasswordHasher } from './password-hasher';

/**
 * Checks a username and password. Every attempt costs one hash verification, whether the user
 * exists, is disabled or not: response times do not tell which usernames exist.
 */
export class Authenticator {
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly users: Pick<UsersRepository, 'findByUsername'>,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The user when the password is theirs and the account is enabled; otherwise undefined. */
  async authenticate(username: string, password: string): Promise<User | undefined> {
    const found = await this.users.findByUsername(username);
    const matches = await this.hasher.verify(found?.passwordHash ?? (await this.decoy()), password);
    if (!found || !matches || found.disabledAt) return undefined;
    const { passwordHash: _, ...user } = found;
    return user;
  }

  /** A hash of a random password, made with the same parameters as real ones, so it costs as much to verify. */
  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash(randomBytes(32).toString('base64url'));
    return this.decoyHash;
  }
}

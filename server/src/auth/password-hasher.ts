import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Whether `password` matches `passwordHash`; as slow for a wrong password as for the right one. */
  verify(passwordHash: string, password: string): Promise<boolean>;
}

/**
 * OWASP's baseline for Argon2id (Password Storage Cheat Sheet): 19 MiB of memory, 2 passes, one
 * lane. Memory-hardness is what makes GPU guessing of a stolen hash expensive. The parameters are
 * written into each hash, so raising them later still verifies the older hashes.
 */
export const ARGON2ID_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Argon2id (the library's default algorithm) through the native `@node-rs/argon2`, off the event loop. */
export class Argon2PasswordHasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID_OPTIONS);
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password);
  }
}

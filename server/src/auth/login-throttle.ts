export interface LoginThrottleLimits {
  /** Failed attempts allowed for one username from one address per window. */
  perAccountAndAddress: number;
  /** Failed attempts allowed from one address per window, whatever the usernames. */
  perAddress: number;
  windowMs: number;
}

/**
 * 5 guesses per account and address, 50 per address, per 15 minutes. Keying accounts by address
 * too means a stranger cannot lock a counsellor out by failing on purpose.
 */
export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  perAccountAndAddress: 5,
  perAddress: 50,
  windowMs: 15 * 60_000,
};

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Counter {
  failures: number;
  windowEndsAt: number;
}

/** Past this many counters, expired ones are swept: memory stays bounded by one window's traffic. */
const SWEEP_THRESHOLD = 10_000;

/**
 * Limits password guessing, per fixed window. In memory, so per process: with several replicas
 * each allows the limits on its own; moving the counters to PostgreSQL (an UPSERT per attempt)
 * would make the limits global.
 *
 * An attempt counts as a failure from the moment it is admitted, so that guesses sent in parallel
 * cannot all slip past the check while their hashes are being verified; a success takes it back.
 */
export class LoginThrottle {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly clock: () => Date,
    private readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  admit(username: string, address: string): Admission {
    const now = this.clock().getTime();
    const keys = [
      [accountKey(username, address), this.limits.perAccountAndAddress],
      [addressKey(address), this.limits.perAddress],
    ] as const;
    const blockedUntil = Math.max(
      0,
      ...keys.map(([key, limit]) => {
        const counter = this.current(key, now);
        return counter && counter.failures >= limit ? counter.windowEndsAt : 0;
      }),
    );
    if (blockedUntil > 0)
      return { allowed: false, retryAfterSeconds: Math.ceil((blockedUntil - now) / 1000) };
    for (const [key] of keys) this.countFailure(key, now);
    return { allowed: true };
  }

  /** The admitted attempt succeeded: the account's failures from this address are forgiven. */
  succeeded(username: string, address: string): void {
    this.counters.delete(accountKey(username, address));
    const perAddress = this.counters.get(addressKey(address));
    if (perAddress) perAddress.failures = Math.max(0, perAddress.failures - 1);
  }

  private current(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    return counter && counter.windowEndsAt > now ? counter : undefined;
  }

  private countFailure(key: string, now: number): void {
    const counter = this.current(key, now);
    if (counter) {
      counter.failures += 1;
      return;
    }
    if (this.counters.size >= SWEEP_THRESHOLD) this.sweep(now);
    this.counters.set(key, { failures: 1, windowEndsAt: now + this.limits.windowMs });
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.windowEndsAt <= now) this.counters.delete(key);
  }
}

function accountKey(username: string, address: string): string {
  return `account\u0000${username.toLowerCase()}\u0000${address}`;
}

function addressKey(address: string): string {
  return `address\u0000${address}`;
}

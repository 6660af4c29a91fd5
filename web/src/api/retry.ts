import { ApiError, asApiError } from './api-error';

/**
 * Seconds to wait before each new attempt: about two minutes in all, what a server restart takes
 * (a restart of `npm start` re-ingests the unchanged catalogue first).
 */
export const RETRY_DELAYS_SECONDS: readonly number[] = [1, 2, 4, 8, 15, 15, 15, 15, 15, 15];
/** A `Retry-After` longer than this is not waited for automatically: the counsellor decides. */
const MAX_RETRY_AFTER_SECONDS = 120;

/** No answer at all, or a proxy's answer while the server behind it restarts: the same call may succeed. */
export function isTransient(error: ApiError): boolean {
  return error.kind === 'network' || (error.kind === 'http' && [502, 503, 504].includes(error.status));
}

/**
 * How long to wait before attempt `failedAttempts + 1`, or `undefined` to give up: the error is
 * not transient, the schedule is spent, or the server asks for a longer wait than is reasonable.
 */
export function retryDelaySeconds(
  error: ApiError,
  failedAttempts: number,
  delays: readonly number[] = RETRY_DELAYS_SECONDS,
): number | undefined {
  if (!isTransient(error)) return undefined;
  const planned = delays[failedAttempts - 1];
  if (planned === undefined) return undefined;
  if (error.retryAfterSeconds === undefined) return planned;
  return error.retryAfterSeconds <= MAX_RETRY_AFTER_SECONDS ? error.retryAfterSeconds : undefined;
}

export interface RetryEvent {
  error: ApiError;
  /** Attempts made so far, all failed. */
  failedAttempts: number;
  delaySeconds: number;
}

export interface RetryOptions {
  /** Told before each wait, so that the interface can say what happens. */
  onRetry?: (event: RetryEvent) => void;
  /** Waits before a new attempt; may resolve early to retry at once (see `interruptibleWait`). */
  wait?: (milliseconds: number) => Promise<void>;
  /** Stops retrying: the call rejects with an `aborted` ApiError. */
  signal?: AbortSignal;
  delays?: readonly number[];
}

/** Runs `attempt` until it succeeds, retrying transient failures on the schedule; rejects with an ApiError. */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const wait = options.wait ?? sleep;
  for (let failedAttempts = 1; ; failedAttempts++) {
    try {
      return await attempt();
    } catch (thrown) {
      const error = asApiError(thrown);
      const delaySeconds = options.signal?.aborted
        ? undefined
        : retryDelaySeconds(error, failedAttempts, options.delays);
      if (delaySeconds === undefined) throw options.signal?.aborted ? new ApiError('aborted', 0) : error;
      options.onRetry?.({ error, failedAttempts, delaySeconds });
      await wait(delaySeconds * 1000);
      if (options.signal?.aborted) throw new ApiError('aborted', 0);
    }
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** A wait that `now()` cuts short: the "Réessayer maintenant" button. */
export function interruptibleWait(): { wait: (milliseconds: number) => Promise<void>; now: () => void } {
  let wake: (() => void) | undefined;
  return {
    wait: (milliseconds) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, milliseconds);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      }),
    now: () => wake?.(),
  };
}

import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { interruptibleWait, isTransient, retryDelaySeconds, withRetries } from './retry';

const unreachable = new ApiError('network', 0);
const restarting = (retryAfterSeconds?: number) => new ApiError('http', 503, undefined, retryAfterSeconds);

describe('retryDelaySeconds', () => {
  it('retries no answer and 502/503/504 only', () => {
    expect(
      [unreachable, restarting(), new ApiError('http', 502), new ApiError('http', 504)].map(isTransient),
    ).toEqual([true, true, true, true]);
    expect(
      [new ApiError('http', 500), new ApiError('http', 409), new ApiError('aborted', 0)].map(isTransient),
    ).toEqual([false, false, false]);
  });

  it('follows the schedule, then gives up', () => {
    expect(retryDelaySeconds(unreachable, 1, [1, 4])).toBe(1);
    expect(retryDelaySeconds(unreachable, 2, [1, 4])).toBe(4);
    expect(retryDelaySeconds(unreachable, 3, [1, 4])).toBeUndefined();
    expect(retryDelaySeconds(new ApiError('http', 422), 1, [1, 4])).toBeUndefined();
  });

  it('waits what Retry-After asks, unless it is unreasonably long', () => {
    expect(retryDelaySeconds(restarting(7), 1, [1, 4])).toBe(7);
    expect(retryDelaySeconds(restarting(0), 1, [1, 4])).toBe(0);
    expect(retryDelaySeconds(restarting(3600), 1, [1, 4])).toBeUndefined();
  });
});

describe('withRetries', () => {
  it('sends again after each transient failure and reports each wait', async () => {
    const failures = [unreachable, restarting(2)];
    const waits: number[] = [];
    const events: string[] = [];
    const result = await withRetries(
      async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return 'stored';
      },
      {
        delays: [1, 1, 1],
        wait: async (milliseconds) => {
          waits.push(milliseconds);
        },
        onRetry: ({ error, failedAttempts, delaySeconds }) =>
          events.push(`${failedAttempts} ${error.kind} ${error.status} ${delaySeconds}`),
      },
    );
    expect(result).toBe('stored');
    expect(waits).toEqual([1000, 2000]);
    expect(events).toEqual(['1 network 0 1', '2 http 503 2']);
  });

  it('rejects with the last error once the schedule is spent, and at once on a refusal', async () => {
    let attempts = 0;
    const failing = (error: ApiError) => async () => {
      attempts += 1;
      throw error;
    };
    const noWait = { delays: [0, 0], wait: async () => {} };
    await expect(withRetries(failing(unreachable), noWait)).rejects.toBe(unreachable);
    expect(attempts).toBe(3);
    attempts = 0;
    const refused = new ApiError('http', 409);
    await expect(withRetries(failing(refused), noWait)).rejects.toBe(refused);
    expect(attempts).toBe(1);
  });

  it('stops when aborted during a wait', async () => {
    const controller = new AbortController();
    const waiter = interruptibleWait();
    const attempt = withRetries(
      async () => {
        throw unreachable;
      },
      { delays: [60], wait: waiter.wait, signal: controller.signal },
    );
    controller.abort();
    waiter.now();
    await expect(attempt).rejects.toMatchObject({ kind: 'aborted' });
  });
});

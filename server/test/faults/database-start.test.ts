import { setTimeout as sleep } from 'node:timers/promises';
import { HealthResponse } from '@reco/contracts';
import { DatabaseUnavailableError } from '@reco/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { jsonLogger } from '../../src/logger';
import { startServer } from '../../src/start-server';
import { aPortNothingListensOn, silentServer } from './ports';
import { type SocketDatabase, socketDatabase } from './socket-database';

const PASSWORD = 'Mot-de-passe-secret-42';

/** The server's configuration for a database at `url`, with retries short enough for a test. */
const configFor = (url: string, env: Record<string, string> = {}) =>
  loadConfig({
    DATABASE_URL: url,
    PORT: '0',
    HOST: '127.0.0.1',
    LLM: 'none',
    DATABASE_CONNECT_TIMEOUT_MS: '500',
    DATABASE_START_RETRY_DELAY_MS: '100',
    DATABASE_START_RETRY_MAX_DELAY_MS: '400',
    ...env,
  });

/** The JSON log lines, parsed, and their raw text (to look for what must never be written). */
function capturedLogs() {
  const lines: string[] = [];
  return {
    logger: jsonLogger((line) => lines.push(line)),
    text: () => lines.join(''),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('a database out of reach at start-up', () => {
  /** Not listening yet: PGlite is created ahead, being slow to start on a busy machine. */
  let database: SocketDatabase;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    database = await socketDatabase(await aPortNothingListensOn(), PASSWORD);
  });
  afterAll(() => database?.close());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is waited for, saying so without the password, and the server comes up once it answers', async () => {
    const logs = capturedLogs();

    const starting = startServer(configFor(database.url), logs.logger);
    const retried = await firstRetry(logs);
    await database.start();
    const { url, shutdown } = await starting;
    cleanups.push(shutdown);

    const health = await fetch(`${url}api/health`);
    expect(health.status).toBe(200);
    expect(HealthResponse.parse(await health.json())).toMatchObject({ status: 'ok', database: 'ok' });
    expect(retried).toMatchObject({
      level: 'error',
      attempt: 1,
      delayMs: 100,
      reason: 'ECONNREFUSED',
      database: `127.0.0.1:${database.port}/postgres`,
    });
    expect(logs.text()).not.toContain(PASSWORD);
  });

  it('doubles the delay up to its cap, then gives up with the reason, never the password', async () => {
    const port = await aPortNothingListensOn();
    const logs = capturedLogs();
    const config = configFor(`postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`, {
      DATABASE_START_ATTEMPTS: '4',
      DATABASE_START_RETRY_MAX_DELAY_MS: '300',
    });

    const failure = await startServer(config, logs.logger).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect(String((failure as Error).message)).not.toContain(PASSWORD);
    expect(logs.entries().map(({ message, attempt, delayMs }) => [message, attempt, delayMs])).toEqual([
      ['database unreachable, retrying', 1, 100],
      ['database unreachable, retrying', 2, 200],
      ['database unreachable, retrying', 3, 300],
      ['database unreachable, giving up', 4, undefined],
    ]);
    expect(logs.text()).not.toContain(PASSWORD);
  });

  it('bounds each attempt by the connection time-out when the host accepts and never answers', async () => {
    const silent = await silentServer();
    cleanups.push(silent.close);
    const logs = capturedLogs();
    const config = configFor(`postgres://postgres:${PASSWORD}@127.0.0.1:${silent.port}/postgres`, {
      DATABASE_START_ATTEMPTS: '2',
      DATABASE_CONNECT_TIMEOUT_MS: '300',
    });

    const failure = await startServer(config, logs.logger).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect(logs.entries().map(({ message, reason }) => [message, reason])).toEqual([
      ['database unreachable, retrying', 'connection terminated'],
      ['database unreachable, giving up', 'connection terminated'],
    ]);
  });
});

/** Waits for the first retry line: the server has tried, failed and said so. */
async function firstRetry(logs: ReturnType<typeof capturedLogs>): Promise<Record<string, unknown>> {
  for (;;) {
    const retry = logs.entries().find((entry) => entry.message === 'database unreachable, retrying');
    if (retry) return retry;
    await sleep(20);
  }
}

import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { RecommendationResponse } from '@reco/contracts';
import { CatalogueRepository, type Database, DatabaseUnavailableError, openDatabase } from '@reco/db';
import { BuiltinCatalogueEmbedding } from '@reco/ingestion';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { jsonLogger } from '../../src/logger';
import { type RunningServer, startServer } from '../../src/start-server';
import { type FakeOllama, startFakeOllama } from '../fake-ollama';
import { loginAs } from '../login';
import { A_REQUEST, ingestFaultCatalogue } from './fault-catalogue';

/**
 * Stopping the server (what SIGTERM does, short of ending the process): in-flight requests finish,
 * new connections are refused, keep-alive connections do not hold the stop, the database is closed
 * last, and a request that outlives the grace period has its connection closed.
 */

describe('graceful shutdown', () => {
  let ollama: FakeOllama;
  /** Each test stops a server, and so closes its database: one each, opened ahead (PGlite is slow to open). */
  let withCatalogue: Database;
  let empty: Database;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    ollama = await startFakeOllama({ kind: 'choose' });
    withCatalogue = await openDatabase({});
    await ingestFaultCatalogue(withCatalogue);
    empty = await openDatabase({});
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await ollama?.close();
  });

  /** The real server, as `npm run serve` starts it, over `db`. */
  async function start(db: Database, env: Record<string, string>) {
    const lines: string[] = [];
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: 'true',
      LLM: 'ollama',
      OLLAMA_BASE_URL: ollama.url,
      ...env,
    });
    const catalogue = new CatalogueRepository(db);
    const running = await startServer(
      config,
      jsonLogger((line) => lines.push(line)),
      {
        db,
        catalogue,
        embedding: new BuiltinCatalogueEmbedding(catalogue),
      },
    );
    cleanups.push(running.shutdown);
    const logs = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    return { ...running, address: addressOf(running), logs };
  }

  it('lets the request in flight finish, refuses new connections, then closes the database', async () => {
    const db = withCatalogue;
    const running = await start(db, {
      LLM_ATTEMPT_TIMEOUT_MS: '10000',
      LLM_TOTAL_BUDGET_MS: '15000',
      SHUTDOWN_GRACE_MS: '15000',
    });
    // Longer than the grace period: an idle keep-alive connection must not hold the stop until then.
    running.server.keepAliveTimeout = 60_000;
    const counsellor = await loginAs(running.url.replace(/\/$/, ''), 'conseiller.demo', 'demo');
    ollama.setBehaviour({ kind: 'slow', delayMs: 800 });
    const asked = ollama.chatRequests().length;

    const inFlight = fetch(`${running.url}api/recommendations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: counsellor.cookie,
        'x-csrf-token': counsellor.csrfToken,
      },
      body: JSON.stringify(A_REQUEST),
    });
    while (ollama.chatRequests().length === asked) await sleep(10);
    const stopped = running.shutdown();

    expect(await connectionOutcome(running.address)).toBe('ECONNREFUSED');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    const body = RecommendationResponse.parse(await response.json());
    expect(body.mode).toBe('llm');
    expect(body.suggestions.length).toBeGreaterThan(0);

    await stopped;
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const messages = running.logs().map((entry) => entry.message);
    expect(messages).toContain('shutting down');
    expect(messages.at(-1)).toBe('shut down');
    expect(messages).not.toContain('grace period over, closing connections');
    expect(running.logs().find((entry) => entry.message === 'shutting down')).toMatchObject({
      requestsInFlight: 1,
    });
  });

  it('closes the connections of requests still running when the grace period is over', async () => {
    const db = empty;
    const running = await start(db, { SHUTDOWN_GRACE_MS: '300' });
    // A client that sends its headers and never its body: its request runs until someone stops it.
    const slowClient = connect(running.address);
    const closed = new Promise<void>((resolve) => slowClient.on('close', () => resolve()));
    slowClient.on('error', () => {});
    slowClient.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
    );
    await sleep(100);

    await running.shutdown();

    await closed;
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(
      running.logs().find((entry) => entry.message === 'grace period over, closing connections'),
    ).toMatchObject({
      requestsInFlight: 1,
    });
  });
});

function addressOf(running: RunningServer): { host: string; port: number } {
  const address = running.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the server does not listen');
  return { host: address.address, port: address.port };
}

/** Opens a new TCP connection to the server: `connected`, or the error code. */
function connectionOutcome(address: { host: string; port: number }): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(address);
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

import { setTimeout as sleep } from 'node:timers/promises';
import { HealthResponse, ProblemDetails, RecommendationResponse } from '@reco/contracts';
import { type Database, openDatabase } from '@reco/db';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/auth/demo-accounts';
import { type FakeOllama, startFakeOllama } from '../fake-ollama';
import { loginAs, type TestSession } from '../login';
import { buildTestApp, listen } from '../test-app';
import { A_REQUEST, FAULT_NOW, ingestFaultCatalogue } from './fault-catalogue';
import { aPortNothingListensOn } from './ports';
import { type SocketDatabase, socketDatabase } from './socket-database';

/**
 * The database going away while the server runs, over the PostgreSQL wire protocol as in
 * production: every request is answered, quickly, with a 503 problem in French that says to retry,
 * and the server recovers by itself when the database is back.
 */

const QUERY_TIMEOUT_MS = 1_000;
/** The client gives up a second after the server's own statement limit (see PostgresDatabase). */
const ANSWERED_WITHIN_MS = QUERY_TIMEOUT_MS + 1_000 + 2_500;

describe('the database unreachable while serving', () => {
  let database: SocketDatabase;
  let db: Database;
  let ollama: FakeOllama;
  let server: Awaited<ReturnType<typeof listen>>;
  let counsellor: TestSession;

  beforeAll(async () => {
    database = await socketDatabase(await aPortNothingListensOn(), 'secret');
    await database.start();
    // Ingested as `npm run ingest` does, without the server's statement limit.
    const ingesting = await openDatabase({ databaseUrl: database.url });
    await ingestFaultCatalogue(ingesting);
    await ingesting.close();
    db = await openDatabase({
      databaseUrl: database.url,
      connectTimeoutMs: 500,
      queryTimeoutMs: QUERY_TIMEOUT_MS,
    });
    ollama = await startFakeOllama({ kind: 'choose' });
    const { app, services } = await buildTestApp(db, {
      clock: () => FAULT_NOW,
      env: { LLM: 'ollama', OLLAMA_BASE_URL: ollama.url, LLM_ATTEMPT_TIMEOUT_MS: '5000' },
    });
    await seedDemoAccounts(services.auth.users, services.auth.hasher, 'demo');
    server = await listen(app);
    counsellor = await loginAs(server.url, 'conseiller.demo', 'demo');
  });
  afterAll(async () => {
    await server?.close();
    await ollama?.close();
    await db?.close();
    await database?.close();
  });
  beforeEach(async () => {
    ollama.setBehaviour({ kind: 'choose' });
    // Each test starts with the database up and the app answering.
    await database.start();
    expect((await searchOffers(server.url, counsellor)).status).toBe(200);
  });

  it('answers 503 problem+json in French with Retry-After on every route, then recovers', async () => {
    await database.stop();

    const answers = await Promise.all([
      timed(() => searchOffers(server.url, counsellor)),
      timed(() => post(server.url, '/api/recommendations', A_REQUEST, counsellor)),
      timed(() => post(server.url, '/api/recommendations/stream', A_REQUEST, counsellor)),
      timed(() => post(server.url, '/api/auth/login', { username: 'conseiller.demo', password: 'demo' })),
    ]);
    for (const { response, elapsedMs } of answers) await expectDatabaseUnavailable(response, elapsedMs);

    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(HealthResponse.parse(await health.json())).toMatchObject({ status: 'down', database: 'down' });

    await database.start();
    expect((await searchOffers(server.url, counsellor)).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers 503 when the database drops while a recommendation is being computed', async () => {
    ollama.setBehaviour({ kind: 'slow', delayMs: 500 });
    const before = ollama.chatRequests().length;
    const pending = timed(() => post(server.url, '/api/recommendations', A_REQUEST, counsellor));
    await untilModelAsked(ollama, before);
    await database.stop();

    const { response, elapsedMs } = await pending;
    await expectDatabaseUnavailable(response, elapsedMs);
  });

  it('ends a recommendation stream with a 503 problem event when the database drops mid-way', async () => {
    ollama.setBehaviour({ kind: 'slow', delayMs: 500 });
    const before = ollama.chatRequests().length;
    const pending = post(server.url, '/api/recommendations/stream', A_REQUEST, counsellor);
    await untilModelAsked(ollama, before);
    await database.stop();

    const response = await pending;
    expect(response.status).toBe(200);
    const events = [...(await response.text()).matchAll(/^event: (\w+)\ndata: (.*)$/gm)];
    expect(events.map(([, name]) => name)).toEqual(['progress', 'progress', 'progress', 'problem']);
    expect(ProblemDetails.parse(JSON.parse(events.at(-1)?.[2] ?? ''))).toMatchObject({
      status: 503,
      title: 'Base de données indisponible',
    });
  });

  it('answers 503 rather than hanging when the database accepts queries and never answers', async () => {
    // An open transaction on another connection holds PGlite's single session: every other query waits.
    const blocker = new pg.Client({ connectionString: database.url });
    blocker.on('error', () => {});
    await blocker.connect();
    await blocker.query('BEGIN');
    try {
      const answers = await Promise.all([
        timed(() => searchOffers(server.url, counsellor)),
        timed(() => post(server.url, '/api/recommendations', A_REQUEST, counsellor)),
      ]);
      for (const { response, elapsedMs } of answers) await expectDatabaseUnavailable(response, elapsedMs);
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }
    expect((await searchOffers(server.url, counsellor)).status).toBe(200);
    const recovered = await post(server.url, '/api/recommendations', A_REQUEST, counsellor);
    expect(RecommendationResponse.parse(await recovered.json()).mode).toBe('llm');
  });
});

async function expectDatabaseUnavailable(response: Response, elapsedMs: number) {
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.headers.get('retry-after')).toBe('5');
  expect(ProblemDetails.parse(await response.json())).toMatchObject({
    status: 503,
    title: 'Base de données indisponible',
    detail: 'La base de données ne répond pas pour le moment. Réessayez dans quelques instants.',
  });
  expect(elapsedMs).toBeLessThan(ANSWERED_WITHIN_MS);
}

async function timed(request: () => Promise<Response>): Promise<{ response: Response; elapsedMs: number }> {
  const started = performance.now();
  const response = await request();
  return { response, elapsedMs: performance.now() - started };
}

function searchOffers(url: string, session: TestSession): Promise<Response> {
  return fetch(`${url}/api/offers/search?q=cariste`, { headers: { cookie: session.cookie } });
}

function post(url: string, path: string, body: unknown, session?: TestSession): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrfToken }),
    },
    body: JSON.stringify(body),
  });
}

/** Resolves once the model has been asked: the request is past retrieval, in the middle of its work. */
async function untilModelAsked(ollama: FakeOllama, before: number) {
  while (ollama.chatRequests().length === before) await sleep(10);
}

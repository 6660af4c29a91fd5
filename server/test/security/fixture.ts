import { ProblemDetails, RecommendationResponse } from '@reco/contracts';
import { type Database, openDatabase } from '@reco/db';
import type express from 'express';
import { expect } from 'vitest';
import { ingestTinyCatalogue } from '../../src/oversight/test-catalogue';
import { COLLEAGUE, loginAs, seedTestAccounts, type TestSession } from '../login';
import { buildTestApp, listen, type TestAppOptions } from '../test-app';

/** Where the security tests' jobseeker lives: every offer of the tiny catalogue is within reach. */
export const PROFILE = { location: { inseeCode: '69266' }, mobilityKm: 30 };

export interface CallOptions {
  query?: Record<string, string | string[]>;
  /** Serialised as JSON with `content-type: application/json`. */
  body?: unknown;
  /** Sent as is, with the headers given: for non-JSON bodies and wrong content types. */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** `false`: the session cookie without its CSRF header. */
  csrf?: boolean;
}

export interface Example extends CallOptions {
  /** Replaces `:params` of the path. */
  params?: Record<string, string>;
  /** Signing in or out ends the caller's session: such a call gets a fresh one. */
  endsSession?: boolean;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export interface SecurityFixture {
  db: Database;
  app: express.Express;
  url: string;
  counsellor: TestSession;
  /** Another counsellor, who must not see the first one's requests. */
  colleague: TestSession;
  admin: TestSession;
  /** A request of `counsellor`, with its conversation and the offers it suggested. */
  request: RecommendationResponse;
  call(session: TestSession | null, method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** A fresh session, e.g. to be logged out. */
  login(username: 'conseiller.demo' | 'admin.demo' | 'collegue'): Promise<TestSession>;
  close(): Promise<void>;
}

/**
 * The real app over the tiny catalogue (embedded PostgreSQL), with a counsellor, a colleague and
 * an admin signed in, and one stored request of the counsellor.
 */
export async function startSecurityFixture(options: TestAppOptions = {}): Promise<SecurityFixture> {
  const db = await openDatabase({});
  await ingestTinyCatalogue(db);
  const { app, services } = await buildTestApp(db, options);
  await seedTestAccounts(services.auth, 'Lyon Est');
  const server = await listen(app);
  const login = (username: string) =>
    loginAs(server.url, username, username === COLLEAGUE.username ? COLLEAGUE.password : 'demo');
  const call: SecurityFixture['call'] = async (session, method, path, options = {}) => {
    const url = new URL(path, server.url);
    for (const [name, value] of Object.entries(options.query ?? {}))
      for (const one of [value].flat()) url.searchParams.append(name, one);
    const headers: Record<string, string> = {
      ...(session && { cookie: session.cookie }),
      ...(session && options.csrf !== false && { 'x-csrf-token': session.csrfToken }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...options.headers,
    };
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(url, { method, headers, ...(body !== undefined && { body }) });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  };
  const counsellor = await login('conseiller.demo');
  const answer = await call(counsellor, 'POST', '/api/recommendations', {
    body: { profile: PROFILE, prompt: 'devenir cariste en entrepôt' },
  });
  if (answer.status !== 200) throw new Error(`the fixture's recommendation failed: ${answer.status}`);
  return {
    db,
    app,
    url: server.url,
    counsellor,
    colleague: await login('collegue'),
    admin: await login('admin.demo'),
    request: RecommendationResponse.parse(JSON.parse(answer.text)),
    call,
    login,
    async close() {
      await server.close();
      await db.close();
    },
  };
}

/** An RFC 9457 answer: its content type, its shape, and the status it says it has. */
export function expectProblem(answer: Answer, status?: number): ProblemDetails {
  expect(answer.contentType, `${answer.status} ${answer.text.slice(0, 200)}`).toMatch(
    /^application\/problem\+json/,
  );
  const problem = ProblemDetails.parse(JSON.parse(answer.text));
  expect(problem.status).toBe(answer.status);
  if (status !== undefined) expect(answer.status).toBe(status);
  return problem;
}

export async function countRows(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}

/**
 * A valid call of every route of the contracts, by `METHOD /path`: the role allowed gets a 2xx
 * with it. Decisions and reports are on the counsellor's own request.
 */
export function validCalls(fx: SecurityFixture): Record<string, Example> {
  const shown = fx.request.suggestions[0]?.offerId ?? '';
  const ownRequest = { requestId: fx.request.requestId };
  return {
    'GET /api/health': {},
    'POST /api/auth/login': { body: { username: 'conseiller.demo', password: 'demo' }, endsSession: true },
    'POST /api/auth/logout': { endsSession: true },
    'GET /api/auth/me': {},
    'POST /api/recommendations': { body: { profile: PROFILE, prompt: 'cariste' } },
    'POST /api/recommendations/stream': { body: { profile: PROFILE, prompt: 'cariste' } },
    'GET /api/offers/search': { query: { q: 'cariste' } },
    'GET /api/offers/:id': { params: { id: shown } },
    'POST /api/guardrail/check': { body: { text: 'devenir cariste' } },
    'POST /api/recommendations/:requestId/decisions': {
      params: ownRequest,
      body: { items: [{ offerId: shown, action: 'retained' }], added: [] },
    },
    'POST /api/recommendations/:requestId/error-reports': {
      params: ownRequest,
      body: { offerId: shown, kind: 'wrong_fact' },
    },
    'GET /api/admin/requests': { query: { limit: '5' } },
    'GET /api/admin/requests.csv': {},
    'GET /api/admin/oversight': {},
    'GET /api/admin/access-log': {},
    'GET /api/admin/retention': {},
    'POST /api/admin/retention/purge': {},
    'GET /api/referentials/communes': { query: { q: 'lyon' } },
    'GET /api/referentials/jobs': { query: { q: 'cariste' } },
  };
}

/** `METHOD /path`, as `validCalls` and the router stack name routes. */
export function routeKey(route: { method: string; path: string }): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** The route's path with its `:params` filled, URL-encoded. */
export function pathWith(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
}

/**
 * Who may call what, route by route, over the real app and the embedded PostgreSQL.
 *
 * Covered elsewhere, not repeated here: session expiry, idle and absolute
 * (server/src/routes/auth.router.test.ts, "ends a session left idle…", "ends a session after
 * SESSION_MAX_HOURS…"), login throttling (same file, "throttles guessing…", and
 * server/src/auth/login-throttle.test.ts), disabled accounts and session fixation (same file).
 */
import { API_ROUTES, type RouteContract } from '@reco/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../login';
import {
  countRows,
  type Example,
  expectProblem,
  PROFILE,
  pathWith,
  routeKey,
  type SecurityFixture,
  startSecurityFixture,
  validCalls,
} from './fixture';
import { registeredApiRoutes } from './registered-routes';

/**
 * Served without a contract, on purpose: the OpenAPI document describes the contracts themselves
 * (what the web app's bundle already reveals) and holds no data, so it is public like the health check.
 */
const PUBLIC_WITHOUT_CONTRACT = ['GET /api/openapi.json'];

/** Routes anyone may call: signing in, and what a load balancer polls. */
const PUBLIC_ROUTES = ['GET /api/health', 'POST /api/auth/login'];

const UNKNOWN_REQUEST = '00000000-0000-4000-8000-00000000dead';

type Role = 'anonymous' | 'counsellor' | 'admin';

const key = routeKey;

describe('access to every API route, by role', () => {
  let fx: SecurityFixture;
  let examples: Record<string, Example>;

  beforeAll(async () => {
    fx = await startSecurityFixture();
    examples = validCalls(fx);
  });
  afterAll(() => fx.close());

  async function callAs(role: Role, route: RouteContract, example: Example) {
    const username = role === 'admin' ? 'admin.demo' : 'conseiller.demo';
    const session: TestSession | null =
      role === 'anonymous' ? null : example.endsSession ? await fx.login(username) : fx[role];
    return fx.call(session, route.method.toUpperCase(), pathWith(route.path, example.params), example);
  }

  it('serves exactly the routes of the contracts, plus the justified public extras', () => {
    const contracted = API_ROUTES.map(key);
    expect(new Set(contracted).size).toBe(contracted.length);
    expect(registeredApiRoutes(fx.app)).toEqual([...contracted, ...PUBLIC_WITHOUT_CONTRACT].sort());
    expect(API_ROUTES.filter((route) => route.access === 'public').map(key)).toEqual(PUBLIC_ROUTES);
  });

  it('has a valid example call for every route of the contracts', () => {
    expect(Object.keys(examples).sort()).toEqual(API_ROUTES.map(key).sort());
  });

  it('refuses an anonymous caller with a 401 problem on every route but the public ones, before reading the request', async () => {
    for (const route of API_ROUTES) {
      const example = examples[key(route)] ?? {};
      if (route.access === 'public') {
        const answer = await callAs('anonymous', route, example);
        expect({ route: key(route), status: answer.status }).toEqual({ route: key(route), status: 200 });
        continue;
      }
      const garbled = route.method === 'post' ? { body: { pas: 'valide' } } : { query: { q: '' } };
      for (const attempt of [example, { ...example, ...garbled }]) {
        const answer = await callAs('anonymous', route, attempt);
        expect({ route: key(route), status: answer.status }).toEqual({ route: key(route), status: 401 });
        expect(expectProblem(answer).title).toBe('Connexion requise');
      }
    }
    // A path that names no route is not a way around it either.
    expectProblem(await fx.call(null, 'GET', '/api/admin/nowhere'), 401);
  });

  it('refuses every admin route to a counsellor with a 403 problem, and lets them reach every other route', async () => {
    const logged = await countRows(fx.db, 'audit_access_log');
    for (const route of API_ROUTES) {
      const answer = await callAs('counsellor', route, examples[key(route)] ?? {});
      if (route.access === 'admin') {
        expect({ route: key(route), status: answer.status }).toEqual({ route: key(route), status: 403 });
        expect(expectProblem(answer).detail).toBe('Accès réservé aux administrateurs.');
      } else {
        expect({ route: key(route), success: answer.status >= 200 && answer.status < 300 }).toEqual({
          route: key(route),
          success: true,
        });
      }
    }
    // The refusals viewed nothing: the access log of audit views did not grow.
    expect(await countRows(fx.db, 'audit_access_log')).toBe(logged);
    expect(await countRows(fx.db, 'retention_purges')).toBe(0);
  });

  it('lets an admin reach every admin route, and every route open to signed-in users', async () => {
    for (const route of API_ROUTES) {
      const answer = await callAs('admin', route, examples[key(route)] ?? {});
      if (route.access === 'admin' || route.access === 'public') {
        expect({ route: key(route), success: answer.status >= 200 && answer.status < 300 }).toEqual({
          route: key(route),
          success: true,
        });
      } else {
        // Passed the gate; a counsellor's own request stays theirs (404 on decisions, see below).
        expect([401, 403], key(route)).not.toContain(answer.status);
        expect(answer.status, key(route)).toBeLessThan(500);
      }
    }
  });

  it('refuses every state-changing route without the CSRF header, or with another session’s, changing nothing', async () => {
    const tables = [
      'recommendation_requests',
      'recommendation_decisions',
      'error_reports',
      'retention_purges',
      'sessions',
    ];
    const before = await Promise.all(tables.map((table) => countRows(fx.db, table)));
    const postRoutes = API_ROUTES.filter((route) => route.method === 'post');
    expect(postRoutes.length).toBeGreaterThanOrEqual(7);
    for (const route of postRoutes) {
      const session = route.access === 'admin' ? fx.admin : fx.counsellor;
      const example = examples[key(route)] ?? {};
      const path = pathWith(route.path, example.params);
      const tokens: Record<string, string>[] = [
        {},
        { 'x-csrf-token': fx.colleague.csrfToken },
        { 'x-csrf-token': '' },
      ];
      for (const headers of tokens) {
        const answer = await fx.call(session, 'POST', path, { ...example, csrf: false, headers });
        expect({ route: key(route), status: answer.status }).toEqual({ route: key(route), status: 403 });
        expect(expectProblem(answer).detail).toMatch(/anti-CSRF/);
      }
    }
    expect(await Promise.all(tables.map((table) => countRows(fx.db, table)))).toEqual(before);
    // The logout refused above left the session open.
    expect((await fx.call(fx.counsellor, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('keeps a counsellor’s requests and conversations from a colleague: 404 exactly as for a missing one', async () => {
    const { requestId, conversationId } = fx.request;
    const shown = fx.request.suggestions[0]?.offerId ?? '';
    const routes = [
      {
        path: 'decisions',
        body: { items: [{ offerId: shown, action: 'set_aside', reason: 'dates' }], added: [] },
      },
      { path: 'error-reports', body: { offerId: shown, kind: 'inappropriate' } },
    ];
    const stored = await countRows(fx.db, 'recommendation_decisions');
    for (const { path, body } of routes) {
      const problems = [];
      for (const id of [requestId, UNKNOWN_REQUEST, 'pas-un-uuid']) {
        const answer = await fx.call(fx.colleague, 'POST', `/api/recommendations/${id}/${path}`, { body });
        problems.push(expectProblem(answer, 404));
        expect(answer.text).not.toContain(shown);
      }
      const [stolen, ...missing] = problems.map(({ title, detail }) => ({ title, detail }));
      for (const other of missing) expect(stolen).toEqual(other);
    }
    expect(await countRows(fx.db, 'recommendation_decisions')).toBe(stored);

    // Continuing someone else's conversation, as a plain request or as a stream.
    const followUp = (id: string) => ({
      body: { profile: PROFILE, prompt: 'plutôt magasinier', conversationId: id },
    });
    const stolen = expectProblem(
      await fx.call(fx.colleague, 'POST', '/api/recommendations', followUp(conversationId)),
      404,
    );
    const missing = expectProblem(
      await fx.call(fx.colleague, 'POST', '/api/recommendations', followUp(UNKNOWN_REQUEST)),
      404,
    );
    expect({ title: stolen.title, detail: stolen.detail }).toEqual({
      title: missing.title,
      detail: missing.detail,
    });
    const streamed = await fx.call(
      fx.colleague,
      'POST',
      '/api/recommendations/stream',
      followUp(conversationId),
    );
    const problemEvent = streamed.text.split('event: problem\ndata: ')[1]?.trim() ?? '';
    expect(JSON.parse(problemEvent)).toMatchObject({
      status: 404,
      title: missing.title,
      detail: missing.detail,
    });
    expect(streamed.text).not.toContain('event: result');
    const turns = await fx.db.query('SELECT 1 FROM recommendation_requests WHERE conversation_id = $1', [
      conversationId,
    ]);
    expect(turns).toHaveLength(1);
  });
});

import type { Server } from 'node:http';
import { LoginResponse, MeResponse, ProblemDetails } from '@reco/contracts';
import { CatalogueRepository, type Database } from '@reco/db';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../db/test/test-databases';
import { loginAs } from '../../test/login';
import { buildTestApp } from '../../test/test-app';
import { createApp } from '../app';
import { requireRole } from '../auth/access-guards';
import { type Auth, createAuth } from '../auth/auth-wiring';
import { seedDemoAccounts } from '../auth/demo-accounts';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { sessionMiddleware } from '../auth/session-middleware';
import { hashSessionToken } from '../auth/session-token';
import { createAccount } from '../auth/user-accounts';
import { errorMiddleware } from '../http/error-middleware';
import { silentLogger } from '../logger';

const MINUTE = 60_000;
const COUNSELLOR = {
  username: 'Claire.Martin',
  password: 'correct horse battery',
  role: 'counsellor',
} as const;
const ADMIN = { username: 'admin.ops', password: 'another long secret', role: 'admin' } as const;

describe('authentication routes over the embedded PostgreSQL', () => {
  let db: Database;
  let auth: Auth;
  let now = new Date('2026-03-02T08:00:00Z');
  const advance = (minutes: number) => {
    now = new Date(now.getTime() + minutes * MINUTE);
  };
  const servers: Server[] = [];
  let base: string;

  /** The real app, plus one test-only route behind `requireRole('admin')`. */
  function testApp(withAuth: Auth): express.Express {
    const app = express();
    app.get(
      '/api/test/admin-only',
      sessionMiddleware(withAuth.sessions, withAuth.users, withAuth.clock),
      requireRole('admin'),
      (_req, res) => {
        res.json({ ok: true });
      },
    );
    app.use(appWithAuth(withAuth));
    app.use(errorMiddleware(silentLogger));
    return app;
  }

  async function listen(app: express.Express): Promise<string> {
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    servers.push(server);
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  const login = (username: string, password: string) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const me = (cookie?: string) => fetch(`${base}/api/auth/me`, { headers: cookie ? { cookie } : {} });
  const logout = (cookie: string, csrfToken?: string) =>
    fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, ...(csrfToken && { 'x-csrf-token': csrfToken }) },
    });

  let appWithAuth: (auth: Auth) => express.Express;

  beforeAll(async () => {
    db = await openTestDatabase();
    const { services } = await buildTestApp(db);
    appWithAuth = (withAuth) =>
      createApp({
        ...services,
        auth: withAuth,
        catalogue: new CatalogueRepository(db),
        logger: silentLogger,
      });
    auth = createAuth(db, { cookieSecure: false, sessionIdleMinutes: 30, sessionMaxHours: 10 }, () => now);
    for (const account of [COUNSELLOR, ADMIN]) {
      await createAccount(auth.users, auth.hasher, { ...account, team: null }, { allowShortPassword: false });
    }
    base = await listen(testApp(auth));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await db.close();
  });

  it('logs in: an httpOnly SameSite=Strict session cookie, and the CSRF token in the body', async () => {
    const response = await login('claire.martin', COUNSELLOR.password);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = LoginResponse.parse(await response.json());
    expect(body).toEqual({ user: 'claire.martin', role: 'counsellor', csrfToken: expect.any(String) });
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toMatch(/Max-Age|Expires/);
  });

  it('marks the cookie Secure when configured', async () => {
    const secureAuth = createAuth(db, { cookieSecure: true, sessionIdleMinutes: 30, sessionMaxHours: 10 });
    const secureBase = await listen(testApp(secureAuth));
    const response = await fetch(`${secureBase}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    });
    expect(response.headers.getSetCookie()[0]).toContain('Secure');
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrongPassword = await login(COUNSELLOR.username, 'not the password');
    const unknownUser = await login('nobody.here', COUNSELLOR.password);
    for (const response of [wrongPassword, unknownUser]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const [first, second] = [await wrongPassword.json(), await unknownUser.json()];
    expect(first).toEqual(second);
    expect(ProblemDetails.parse(first).detail).toBe('Identifiant ou mot de passe incorrect.');
  });

  it('refuses a malformed login without echoing it', async () => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'secret-value', remember: true }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).not.toContain('secret-value');
  });

  it('throttles guessing: 429 with Retry-After after 5 failures, even with the right password, until the window ends', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login(ADMIN.username, `guess ${attempt}`)).status).toBe(401);
    }
    const throttled = await login(ADMIN.username, ADMIN.password);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBe(15 * 60);
    expect(ProblemDetails.parse(await throttled.json()).title).toBe('Trop de tentatives');
    // Another account from the same address is not locked out by these failures.
    expect((await login(COUNSELLOR.username, COUNSELLOR.password)).status).toBe(200);

    advance(10);
    expect(Number((await login(ADMIN.username, ADMIN.password)).headers.get('retry-after'))).toBe(5 * 60);
    advance(5);
    expect((await login(ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it('tells who is signed in, or 401 without a session', async () => {
    const session = await loginAs(base, COUNSELLOR.username, COUNSELLOR.password);
    const response = await me(session.cookie);
    expect(response.status).toBe(200);
    expect(MeResponse.parse(await response.json())).toEqual({
      user: 'claire.martin',
      role: 'counsellor',
      csrfToken: session.csrfToken,
    });

    for (const anonymous of [
      await me(),
      await me(`${SESSION_COOKIE}=${'A'.repeat(43)}`),
      await me('other=1'),
    ]) {
      expect(anonymous.status).toBe(401);
      expect(ProblemDetails.parse(await anonymous.json()).detail).toBe('Connexion requise.');
    }
  });

  it('logs out only with the CSRF header, then the session is gone', async () => {
    const session = await loginAs(base, COUNSELLOR.username, COUNSELLOR.password);
    const withoutHeader = await logout(session.cookie);
    expect(withoutHeader.status).toBe(403);
    expect(ProblemDetails.parse(await withoutHeader.json()).title).toBe('Requête refusée');
    expect((await logout(session.cookie, 'forged-token')).status).toBe(403);
    expect((await me(session.cookie)).status).toBe(200);

    const response = await logout(session.cookie, session.csrfToken);
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(
      new RegExp(`^${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`),
    );
    expect((await me(session.cookie)).status).toBe(401);
    expect((await logout(session.cookie, session.csrfToken)).status).toBe(401);
  });

  it('ends a session left idle for SESSION_IDLE_MINUTES', async () => {
    const session = await loginAs(base, COUNSELLOR.username, COUNSELLOR.password);
    advance(29);
    expect((await me(session.cookie)).status).toBe(200);
    advance(29);
    expect((await me(session.cookie)).status).toBe(200);
    advance(30);
    expect((await me(session.cookie)).status).toBe(401);
  });

  it('ends a session after SESSION_MAX_HOURS even when used all along', async () => {
    const session = await loginAs(base, COUNSELLOR.username, COUNSELLOR.password);
    for (let minutes = 20; minutes < 600; minutes += 20) {
      advance(20);
      expect((await me(session.cookie)).status).toBe(200);
    }
    advance(20);
    expect((await me(session.cookie)).status).toBe(401);
  });

  it('replaces the session a browser already had when it logs in again', async () => {
    const first = await loginAs(base, COUNSELLOR.username, COUNSELLOR.password);
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie, 'x-csrf-token': first.csrfToken },
      body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    });
    expect(response.status).toBe(200);
    expect((await me(first.cookie)).status).toBe(401);
  });

  it('keeps admin-only routes from counsellors (403) and from anonymous callers (401)', async () => {
    const counsellor = await loginAs(base, COUNSELLOR.username, COUNSELLOR.password);
    const refused = await fetch(`${base}/api/test/admin-only`, { headers: { cookie: counsellor.cookie } });
    expect(refused.status).toBe(403);
    expect(ProblemDetails.parse(await refused.json()).detail).toBe('Accès réservé aux administrateurs.');
    expect((await fetch(`${base}/api/test/admin-only`)).status).toBe(401);

    const admin = await loginAs(base, ADMIN.username, ADMIN.password);
    const allowed = await fetch(`${base}/api/test/admin-only`, { headers: { cookie: admin.cookie } });
    expect(allowed.status).toBe(200);
  });

  it('refuses a disabled account, at login and for its open sessions', async () => {
    const created = await createAccount(
      auth.users,
      auth.hasher,
      { username: 'leaving.soon', password: 'a password long enough', role: 'counsellor', team: null },
      { allowShortPassword: false },
    );
    const session = await loginAs(base, 'leaving.soon', 'a password long enough');
    await db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [created.id]);
    expect((await me(session.cookie)).status).toBe(401);
    expect((await login('leaving.soon', 'a password long enough')).status).toBe(401);
  });

  it('stores the hash of the session token, never the token, and no password anywhere', async () => {
    const session = await loginAs(base, ADMIN.username, ADMIN.password);
    const token = session.cookie.slice(`${SESSION_COOKIE}=`.length);
    const stored = await db.query<{ id: string }>('SELECT id FROM sessions');
    expect(stored.map((row) => row.id)).toContain(hashSessionToken(token));

    const tables = await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const secrets = [token, COUNSELLOR.password, ADMIN.password, 'a password long enough'];
    for (const { tablename } of tables) {
      const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${tablename}" t`);
      for (const { row } of rows) for (const secret of secrets) expect(row).not.toContain(secret);
    }
  });

  it('purges expired sessions', async () => {
    await loginAs(base, COUNSELLOR.username, COUNSELLOR.password);
    advance(31);
    expect(await auth.sessions.deleteExpired(now)).toBeGreaterThan(0);
    const [left] = await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM sessions WHERE expires_at <= $1',
      [now.toISOString()],
    );
    expect(left?.count).toBe(0);
  });

  it('seeds the demo accounts idempotently, following DEMO_PASSWORD', async () => {
    await seedDemoAccounts(auth.users, auth.hasher, 'demo');
    await seedDemoAccounts(auth.users, auth.hasher, 'demo');
    const demo = (await auth.users.list()).filter((user) => user.username.endsWith('.demo'));
    expect(demo.map(({ username, role, team }) => ({ username, role, team }))).toEqual([
      { username: 'admin.demo', role: 'admin', team: null },
      { username: 'conseiller.demo', role: 'counsellor', team: 'Équipe démo' },
    ]);
    expect((await loginAs(base, 'conseiller.demo', 'demo')).csrfToken).toBeTruthy();

    await seedDemoAccounts(auth.users, auth.hasher, 'changed demo password');
    const reseeded = (await auth.users.list()).filter((user) => user.username.endsWith('.demo'));
    expect(reseeded.map((user) => [user.id, user.pseudonym])).toEqual(
      demo.map((user) => [user.id, user.pseudonym]),
    );
    expect((await login('admin.demo', 'demo')).status).toBe(401);
    expect((await login('admin.demo', 'changed demo password')).status).toBe(200);
  });
});

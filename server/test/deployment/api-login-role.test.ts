import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { HealthResponse } from '@reco/contracts';
import { openDatabase, UsersRepository } from '@reco/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Argon2PasswordHasher } from '../../src/auth/password-hasher';
import { createAccount } from '../../src/auth/user-accounts';
import { loadConfig } from '../../src/config';
import { jsonLogger } from '../../src/logger';
import { type RunningServer, startServer } from '../../src/start-server';
import { loginAs } from '../login';
import { ROOT } from './configuration-variables';
import { parsePsqlScript, statementsOnFreshDatabase } from './psql-script';

const INIT_SCRIPT = parsePsqlScript(
  readFileSync(join(ROOT, 'deploy/postgres/initdb/10-api-role.sh'), 'utf8'),
);
const API_LOGIN = 'reco_api';
const ADMIN = {
  username: 'admin.ops',
  password: 'a long admin passphrase',
  role: 'admin',
  team: null,
} as const;

/**
 * The compose stack's order on one database: the init script as the owner, the API started before
 * the migrations (refused), the `migrate` service's migrations as the owner, then the API logged in
 * as its own role. Over the PostgreSQL protocol (pg → pglite-socket), as in production.
 *
 * PGlite has a single session, shared by every socket connection, and its login is always the
 * bootstrap superuser: there is no real non-superuser login to make. `SET SESSION AUTHORIZATION`
 * comes closest: the session's user becomes the API's login, whose rights then apply, and SET ROLE
 * is checked against it (refused towards the owner). Only `SET SESSION AUTHORIZATION` could go
 * back, because the connection was authenticated as a superuser, which a real login is not (on
 * PostgreSQL the API's login cannot change its session user at all): the test itself goes back so.
 */
describe("the API logged in as the compose stack's API role, a member of reco_app", () => {
  let pglite: PGlite;
  let socket: PGLiteSocketServer;
  let ownerUrl: string;
  let apiUrl: string;
  let running: RunningServer | undefined;
  const logLines: string[] = [];

  const startApi = () =>
    startServer(
      loadConfig({
        DATABASE_URL: apiUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LLM: 'none',
        DATABASE_START_ATTEMPTS: '1',
      }),
      jsonLogger((line) => logLines.push(line)),
    );
  /** Runs `work` on the API's connection: its login, its rights. */
  async function asApi<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client(apiUrl);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    pglite = await PGlite.create({ extensions: { vector, unaccent, pg_trgm } });
    socket = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 16 });
    await socket.start();
    ownerUrl = `postgres://postgres@${socket.getServerConn()}/postgres`;
    apiUrl = `postgres://${API_LOGIN}:api-password@${socket.getServerConn()}/postgres`;
    // The init script, as the postgres image runs it on a fresh volume.
    for (const statement of statementsOnFreshDatabase(INIT_SCRIPT.sql, {
      api_user: API_LOGIN,
      api_password: "an 'api' password",
    }))
      await pglite.query(statement);
  });
  afterAll(async () => {
    await running?.shutdown();
    await socket?.stop();
    await pglite?.close();
  });

  it('cannot create the schema: started before the migrations, it stops, leaving the database as it was', async () => {
    await pglite.exec(`SET SESSION AUTHORIZATION ${API_LOGIN}`);
    await expect(startApi()).rejects.toThrow(/permission denied for schema public/);
    await pglite.exec('SET SESSION AUTHORIZATION postgres');
    const { rows } = await pglite.query<{ tables: number }>(
      `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(rows[0]?.tables).toBe(0);
  });

  it('starts on the database the owner migrated, answers, logs admins in and records their views', async () => {
    // The `migrate` service, as the owner; then an account (the users CLI runs as the API login).
    await (await openDatabase({ databaseUrl: ownerUrl })).close();
    await pglite.exec(`SET SESSION AUTHORIZATION ${API_LOGIN}`);
    running = await startApi();

    const health = await fetch(`${running.url}api/health`);
    expect(HealthResponse.parse(await health.json())).toMatchObject({ database: 'ok' });
    // What the users CLI does, with the API's DATABASE_URL.
    const db = await openDatabase({ databaseUrl: apiUrl });
    await createAccount(new UsersRepository(db), new Argon2PasswordHasher(), ADMIN, {
      allowShortPassword: false,
    });
    await db.close();
    const base = running.url.replace(/\/$/, '');
    const admin = await loginAs(base, ADMIN.username, ADMIN.password);
    const views = await fetch(`${base}/api/admin/access-log`, { headers: { cookie: admin.cookie } });
    expect(views.status).toBe(200);

    await asApi(async (client) => {
      expect((await client.query('SELECT session_user AS login, current_user AS role')).rows).toEqual([
        { login: API_LOGIN, role: API_LOGIN },
      ]);
      const entries = await client.query('SELECT count(*)::int AS n FROM audit_access_log');
      expect(entries.rows[0].n).toBeGreaterThan(0);
    });
  });

  it('runs the retention purge at start-up through the function, recorded under its own login', async () => {
    await vi.waitFor(() => expect(logLines.join('')).toMatch(/"retention purge( failed)?"/), {
      timeout: 10_000,
    });
    expect(logLines.join('')).not.toContain('retention purge failed');
    const purges = await asApi((client) => client.query('SELECT recorded_by FROM retention_purges'));
    expect(purges.rows).toEqual([{ recorded_by: API_LOGIN }]);
  });

  it('may neither rewrite the audit record, nor become the owner, nor change the schema', async () => {
    const refusal = (sql: string) =>
      asApi((client) => client.query(sql)).then(
        () => 'done',
        (error: { message: string }) => error.message,
      );
    expect(await refusal('DELETE FROM audit_access_log')).toMatch(
      /permission denied for table audit_access_log/,
    );
    expect(await refusal('UPDATE recommendation_requests SET mode = mode')).toMatch(/permission denied/);
    expect(await refusal('DELETE FROM retention_purges')).toMatch(/permission denied/);
    expect(await refusal('SET ROLE postgres')).toMatch(/permission denied to set role "postgres"/);
    expect(await refusal('DROP TABLE users')).toMatch(/must be owner of table users/);
    expect(await refusal('CREATE TABLE later (id int)')).toMatch(/permission denied for schema public/);
  });

  it("has reco_app's sequences and the rights on a later migration's tables, by default privileges", async () => {
    await pglite.exec('SET SESSION AUTHORIZATION postgres');
    await pglite.exec('CREATE TABLE later_migration (id bigserial PRIMARY KEY, note text)');
    const { rows } = await pglite.query<{ object: string; granted: boolean }>(
      `SELECT c.relname AS object,
              CASE c.relkind WHEN 'S' THEN has_sequence_privilege($1, c.oid, 'USAGE')
                             ELSE (SELECT bool_and(has_table_privilege($1, c.oid, p))
                                     FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p) END AS granted
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND (c.relkind = 'S' OR c.relname IN ('later_migration', 'users', 'sessions', 'offers'))`,
      [API_LOGIN],
    );
    await pglite.exec(`SET SESSION AUTHORIZATION ${API_LOGIN}`);
    expect(rows.filter((row) => row.object.endsWith('_seq')).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((row) => !row.granted)).toEqual([]);
    await asApi((client) => client.query("INSERT INTO later_migration (note) VALUES ('written by the API')"));
  });
});

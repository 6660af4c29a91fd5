import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { inject } from 'vitest';
import { type Database, migrate, openDatabase, PostgresDatabase } from '../src/index';

/**
 * The two ways the product reaches its database: the embedded PGlite, and a PostgreSQL server over
 * the network protocol through `pg` (the `DATABASE_URL` path). No PostgreSQL with pgvector runs
 * here, so the second is PGlite served on a local socket: the same SQL crosses the same driver.
 */
export type TestDatabaseKind = 'pglite' | 'postgres-protocol';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set per project in vitest.config.ts: the server suite runs once on each kind. */
    testDatabase: TestDatabaseKind;
  }
}

const OPENERS: Record<TestDatabaseKind, () => Promise<Database>> = {
  pglite: () => openDatabase({}),
  'postgres-protocol': openOverPostgresProtocol,
};

/** Both kinds, for suites that compare them side by side in one run. */
export const DATABASES: [name: string, open: () => Promise<Database>][] = [
  ['embedded PGlite', OPENERS.pglite],
  ['PostgreSQL protocol (pg → pglite-socket)', OPENERS['postgres-protocol']],
];

/** A fresh, migrated, in-memory database of the kind the current vitest project runs on. */
export function openTestDatabase(): Promise<Database> {
  return OPENERS[testDatabaseKind()]();
}

/** A database another process reaches through its environment, as an operator would configure it. */
export interface ServedTestDatabase {
  /** `PGLITE_DIR` or `DATABASE_URL`. */
  env: Record<string, string>;
  /** True while nothing has been created in it (no schema, for PGlite not even its directory). */
  isUntouched(): Promise<boolean>;
  close(): Promise<void>;
}

/** A database of the current project's kind, for child processes (the CLIs); not migrated. */
export async function serveTestDatabase(): Promise<ServedTestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    const parent = await mkdtemp(join(tmpdir(), 'test-database-'));
    const dir = join(parent, 'pglite');
    return {
      env: { PGLITE_DIR: dir },
      isUntouched: async () => !existsSync(dir),
      close: () => rm(parent, { recursive: true, force: true }),
    };
  }
  const served = await serveOverSocket();
  return {
    env: { DATABASE_URL: served.url },
    async isUntouched() {
      const { rows } = await served.pglite.query<{ tables: number }>(
        `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`,
      );
      return rows[0]?.tables === 0;
    },
    close: served.close,
  };
}

function testDatabaseKind(): TestDatabaseKind {
  const kind = inject('testDatabase');
  if (!(kind in OPENERS)) throw new Error(`vitest.config.ts provides no testDatabase to this project.`);
  return kind;
}

async function openOverPostgresProtocol(): Promise<Database> {
  const served = await serveOverSocket();
  const db = await PostgresDatabase.open(served.url, 4);
  await migrate(db);
  return {
    engine: db.engine,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    async close() {
      await db.close();
      await served.close();
    },
  };
}

async function serveOverSocket(): Promise<{ pglite: PGlite; url: string; close: () => Promise<void> }> {
  const pglite = await PGlite.create({ extensions: { vector, unaccent, pg_trgm } });
  // Above the pools' sizes (4 here, 10 in a CLI): the default of one connection resets the others.
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  return {
    pglite,
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop();
      await pglite.close();
    },
  };
}

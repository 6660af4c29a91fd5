import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type Database, migrate, openDatabase, PostgresDatabase } from '@reco/db';

/**
 * The two ways the product reaches its database: the embedded PGlite, and a PostgreSQL server over
 * the network protocol through `pg` (the `DATABASE_URL` path). No PostgreSQL with pgvector runs
 * here, so the second is PGlite served on a local socket: the same SQL crosses the same driver.
 */
export const DATABASES: [name: string, open: () => Promise<Database>][] = [
  ['embedded PGlite', () => openDatabase({})],
  ['PostgreSQL protocol (pg → pglite-socket)', openOverPostgresProtocol],
];

async function openOverPostgresProtocol(): Promise<Database> {
  const pglite = await PGlite.create({ extensions: { vector, unaccent, pg_trgm } });
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const db = await PostgresDatabase.open(`postgres://postgres@${server.getServerConn()}/postgres`, 4);
  await migrate(db);
  return {
    engine: db.engine,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    async close() {
      await db.close();
      await server.stop();
      await pglite.close();
    },
  };
}

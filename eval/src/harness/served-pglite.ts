import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';

/** A fresh in-memory PGlite with pgvector, reached like a PostgreSQL server: through a `pg` pool. */
export interface ServedPglite {
  pool: pg.Pool;
  /** Ends the pool unless its user already has (LangChain's `PGVectorStore.end()` does), then the server. */
  close(): Promise<void>;
}

/**
 * For code that only speaks to PostgreSQL through `pg` (LangChain's PGVectorStore): no PostgreSQL with
 * pgvector runs here, so an embedded one is served on a local socket and the driver talks the wire
 * protocol to it. `connections` bounds the pool and the server alike (the server's default of one
 * would reset a pool's second connection).
 */
export async function servePglite(connections: number): Promise<ServedPglite> {
  const pglite = await PGlite.create({ extensions: { vector } });
  // Single-threaded 32-bit WASM: an HNSW build needs more than the 64 MB default to stay in memory.
  await pglite.exec(`SET maintenance_work_mem = '512MB'`);
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: connections,
  });
  try {
    await server.start();
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const pool = new pg.Pool({
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
    max: connections,
  });
  return {
    pool,
    async close() {
      if (!pool.ending) await pool.end();
      await server.stop();
      await pglite.close();
    },
  };
}

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * A PostgreSQL that can go away and come back on the same address: PGlite served over the wire
 * protocol on a fixed loopback port, its socket server started and stopped at will (the data stays).
 */
export interface SocketDatabase {
  port: number;
  /** `DATABASE_URL`, with the given password (the server does not check it). */
  url: string;
  /** Starts answering on `port`, unless it already does. */
  start(): Promise<void>;
  /** Drops every connection and stops listening: clients see their connections end, then refused. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function socketDatabase(port: number, password: string): Promise<SocketDatabase> {
  const pglite = await PGlite.create({ extensions: { vector, unaccent, pg_trgm } });
  let server: PGLiteSocketServer | undefined;
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  return {
    port,
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async start() {
      if (server) return;
      // Above the pool's size: the default of one connection resets the others.
      server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port, maxConnections: 16 });
      await server.start();
    },
    stop,
    async close() {
      await stop();
      await pglite.close();
    },
  };
}

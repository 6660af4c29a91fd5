import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Database, Queryable } from './database';
import { reportingUnavailability } from './database-unavailable';

/**
 * The embedded PostgreSQL (WASM) with pgvector, unaccent and pg_trgm; data in a directory or in memory.
 * Once closed (the server shutting down), queries fail with `DatabaseUnavailableError`.
 */
export class PgliteDatabase implements Database {
  readonly engine = 'pglite';

  private constructor(private readonly pglite: PGlite) {}

  /** `dataDir` undefined keeps everything in memory (tests). */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    const pglite = await PGlite.create({ dataDir, extensions: { vector, unaccent, pg_trgm } });
    // Single-threaded 32-bit WASM: HNSW builds need more than the 64 MB default to stay in memory.
    await pglite.exec(`SET maintenance_work_mem = '512MB'`);
    return new PgliteDatabase(pglite);
  }

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return reportingUnavailability(async () => (await this.pglite.query<Row>(sql, [...params])).rows);
  }

  exec(sql: string): Promise<void> {
    return reportingUnavailability(async () => {
      await this.pglite.exec(sql);
    });
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return reportingUnavailability(() => this.pglite.transaction((tx) => work(wrapTransaction(tx))));
  }

  async close(): Promise<void> {
    await this.pglite.close();
  }
}

function wrapTransaction(tx: Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await tx.query<Row>(sql, [...params])).rows;
    },
  };
}

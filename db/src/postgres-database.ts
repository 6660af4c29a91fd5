import pg from 'pg';
import type { Database, Queryable } from './database';

/** A real PostgreSQL server with pgvector, through a `pg` connection pool. */
export class PostgresDatabase implements Database {
  readonly engine = 'postgres';

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string, maxConnections = 10): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString, max: maxConnections });
    // Fail at start-up, not at the first request, when the server cannot be reached.
    const client = await pool.connect();
    client.release();
    return new PostgresDatabase(pool);
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, [...params])).rows as Row[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, [...params])).rows as Row[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

import pg from 'pg';
import type { Database, Queryable } from './database';
import { asUnavailable, DatabaseUnavailableError, reportingUnavailability } from './database-unavailable';

export interface PostgresTimeouts {
  /** How long to wait for a new connection before giving up on it; unset waits as long as the OS does. */
  connectTimeoutMs?: number;
  /**
   * How long a statement may run: cancelled by the server past it (`statement_timeout`), and
   * abandoned by the client too, for a server or a network that stops answering. Unset: no limit
   * (ingestion builds indexes for minutes).
   */
  queryTimeoutMs?: number;
}

/**
 * A real PostgreSQL server with pgvector, through a `pg` connection pool. Failures to reach the
 * server surface as `DatabaseUnavailableError`.
 */
export class PostgresDatabase implements Database {
  readonly engine = 'postgres';

  private constructor(private readonly pool: pg.Pool) {}

  static async open(
    connectionString: string,
    maxConnections = 10,
    timeouts: PostgresTimeouts = {},
  ): Promise<PostgresDatabase> {
    const pool = new pg.Pool({
      connectionString,
      max: maxConnections,
      ...(timeouts.connectTimeoutMs !== undefined && { connectionTimeoutMillis: timeouts.connectTimeoutMs }),
      ...(timeouts.queryTimeoutMs !== undefined && {
        statement_timeout: timeouts.queryTimeoutMs,
        // A little later than the server's own limit, so that a live server reports its timeout itself.
        query_timeout: timeouts.queryTimeoutMs + 1000,
      }),
    });
    // An idle connection that the server drops would otherwise be an unhandled 'error' that stops the
    // process; the pool discards it and the next query reports the outage.
    pool.on('error', () => {});
    // Fail at start-up, not at the first request, when the server cannot be reached.
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end();
      throw asUnavailable(error);
    }
    return new PostgresDatabase(pool);
  }

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return reportingUnavailability(async () => (await this.pool.query(sql, [...params])).rows as Row[]);
  }

  exec(sql: string): Promise<void> {
    return reportingUnavailability(async () => {
      await this.pool.query(sql);
    });
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await reportingUnavailability(() => this.pool.connect());
    // A connection that failed mid-transaction is destroyed, not pooled: the server rolls back.
    let broken: Error | undefined;
    try {
      await reportingUnavailability(() => client.query('BEGIN'));
      const result = await work({
        query: <Row>(sql: string, params: readonly unknown[] = []) =>
          reportingUnavailability(async () => (await client.query(sql, [...params])).rows as Row[]),
      });
      await reportingUnavailability(() => client.query('COMMIT'));
      return result;
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) broken = error;
      else
        await client.query('ROLLBACK').catch((rollbackFailure: Error) => {
          broken = rollbackFailure;
        });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

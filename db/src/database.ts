/** What runs SQL: a connection, a pool or a transaction. Only the data-access package holds one. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * The database port. Two adapters: `PgliteDatabase` (embedded, the default) and `PostgresDatabase`
 * (a real PostgreSQL with pgvector, reached through `DATABASE_URL`). Both speak the same SQL.
 */
export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

import type { Database } from './database';
import { migrate } from './migrate';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase, type PostgresTimeouts } from './postgres-database';

export interface DatabaseSettings extends PostgresTimeouts {
  /** A real PostgreSQL with pgvector; when absent, the embedded PGlite in `pgliteDir`. */
  databaseUrl?: string;
  /** Undefined keeps the embedded database in memory (tests). */
  pgliteDir?: string;
}

/**
 * Opens the configured database and brings its schema up to date. A server out of reach fails with
 * `DatabaseUnavailableError`, leaving nothing open behind it.
 */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const db = settings.databaseUrl
    ? await PostgresDatabase.open(settings.databaseUrl, undefined, settings)
    : await PgliteDatabase.open(settings.pgliteDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

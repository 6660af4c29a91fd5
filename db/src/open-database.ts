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
  const db = await connectDatabase(settings);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Opens the configured database as it is, for a caller that migrates it itself (`npm run migrate`). */
export async function connectDatabase(settings: DatabaseSettings): Promise<Database> {
  return settings.databaseUrl
    ? PostgresDatabase.open(settings.databaseUrl, undefined, settings)
    : PgliteDatabase.open(settings.pgliteDir);
}

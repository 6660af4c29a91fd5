import type { Database } from './database';
import { migrate } from './migrate';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';

export interface DatabaseSettings {
  /** A real PostgreSQL with pgvector; when absent, the embedded PGlite in `pgliteDir`. */
  databaseUrl?: string;
  /** Undefined keeps the embedded database in memory (tests). */
  pgliteDir?: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const db = settings.databaseUrl
    ? await PostgresDatabase.open(settings.databaseUrl)
    : await PgliteDatabase.open(settings.pgliteDir);
  await migrate(db);
  return db;
}

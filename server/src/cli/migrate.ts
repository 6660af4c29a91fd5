import { connectDatabase, migrate } from '@reco/db';
import { loadConfig } from '../config';
import { jsonLogger } from '../logger';
import { waitForDatabase } from '../wait-for-database';

/**
 * `npm run migrate`: applies the pending migrations, then exits; the compose stack's one-shot
 * `migrate` service runs it as the schema's owner before the API, whose login may not change the
 * schema. Waits for the database like the server does (a container may still be starting).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await waitForDatabase(
    () => connectDatabase(config.database),
    config.databaseStart,
    config.database,
    jsonLogger(),
  );
  try {
    for (const name of await migrate(db)) process.stdout.write(`applied ${name}\n`);
    process.stdout.write('database schema up to date\n');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  // Database errors name the statement or the connection, never the password of DATABASE_URL.
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

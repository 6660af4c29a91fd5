import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ServedTestDatabase, serveTestDatabase } from '../../../db/test/test-databases';
import { aPortNothingListensOn } from '../../test/faults/ports';
import { REPOSITORY_ROOT as ROOT, runCommand } from '../../test/run-command';

const MIGRATIONS = readdirSync(join(ROOT, 'db/src/migrations'))
  .filter((file) => file.endsWith('.sql'))
  .sort();

function runMigrate(databaseEnv: Record<string, string>) {
  return runCommand('server/src/cli/migrate.ts', { env: databaseEnv });
}

describe('npm run migrate', () => {
  let database: ServedTestDatabase;
  beforeEach(async () => {
    database = await serveTestDatabase();
  });
  afterEach(() => database.close());

  it('applies every pending migration in order, names each, and exits 0; again, it has nothing to do', async () => {
    const first = await runMigrate(database.env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(
      `${MIGRATIONS.map((name) => `applied ${name}\n`).join('')}database schema up to date\n`,
    );

    const again = await runMigrate(database.env);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('database schema up to date\n');
  });

  it('waits for the database, then gives up with exit 1 without writing the password', async () => {
    const password = 'Mot-de-passe-secret-42';
    const result = await runMigrate({
      DATABASE_URL: `postgres://owner:${password}@127.0.0.1:${await aPortNothingListensOn()}/assistant`,
      DATABASE_START_ATTEMPTS: '2',
      DATABASE_START_RETRY_DELAY_MS: '50',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"message":"database unreachable, retrying"');
    expect(result.stderr).toContain('migration failed:');
    expect(result.stderr).not.toContain(password);
    expect(await database.isUntouched()).toBe(true);
  });
});

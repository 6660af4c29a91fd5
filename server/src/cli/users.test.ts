import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ServedTestDatabase, serveTestDatabase } from '../../../db/test/test-databases';
import { runCommand } from '../../test/run-command';

// Asynchronous: over the PostgreSQL protocol, this process serves the database the CLI connects to.
function runCli(args: string[], input: string, env: Record<string, string>) {
  return runCommand('server/src/cli/users.ts', { args, input, env: { DEMO: 'false', ...env } });
}

describe('npm run users', () => {
  let database: ServedTestDatabase;
  beforeEach(async () => {
    database = await serveTestDatabase();
  });
  afterEach(() => database.close());

  it('refuses a password shorter than 12 characters, before touching the database', async () => {
    const result = await runCli(['create', '--role', 'admin', 'alice'], 'short-pass1\n', database.env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Mot de passe trop court : 12 caractères au moins.');
    expect(result.stdout).toBe('');
    expect(await database.isUntouched()).toBe(true);
  });

  it('creates an account from the password on stdin, then lists it without the password', async () => {
    const password = 'a long enough passphrase';
    const created = await runCli(
      ['create', '--role', 'counsellor', '--team', 'Agence Lyon 3', 'Alice.Martin'],
      `${password}\n`,
      database.env,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(
      /^Compte créé : alice\.martin \(counsellor, pseudonyme C-[0-9A-F]{6}\)\.\n$/,
    );

    const again = await runCli(['create', '--role', 'admin', 'alice.martin'], `${password}\n`, database.env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('déjà utilisé');

    const listed = await runCli(['list'], '', database.env);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^alice\.martin\tcounsellor\tAgence Lyon 3\tC-[0-9A-F]{6}\tactif\n$/);
    expect(listed.stdout).not.toContain(password);
  });

  it('answers a usage error with status 2', async () => {
    const result = await runCli(['create', 'alice'], 'whatever password\n', database.env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--role doit valoir counsellor ou admin.');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function runCli(args: string[], input: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/users.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DEMO: 'false', ...env },
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm run users', () => {
  it('refuses a password shorter than 12 characters, before touching the database', () => {
    const dbDir = join(mkdtempSync(join(tmpdir(), 'users-cli-')), 'db');
    const result = runCli(['create', '--role', 'admin', 'alice'], 'short-pass1\n', { PGLITE_DIR: dbDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Mot de passe trop court : 12 caractères au moins.');
    expect(result.stdout).toBe('');
    expect(existsSync(dbDir)).toBe(false);
  });

  it('creates an account from the password on stdin, then lists it without the password', () => {
    const dbDir = join(mkdtempSync(join(tmpdir(), 'users-cli-')), 'db');
    const password = 'a long enough passphrase';
    const created = runCli(
      ['create', '--role', 'counsellor', '--team', 'Agence Lyon 3', 'Alice.Martin'],
      `${password}\n`,
      {
        PGLITE_DIR: dbDir,
      },
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(
      /^Compte créé : alice\.martin \(counsellor, pseudonyme C-[0-9A-F]{6}\)\.\n$/,
    );

    const again = runCli(['create', '--role', 'admin', 'alice.martin'], `${password}\n`, {
      PGLITE_DIR: dbDir,
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('déjà utilisé');

    const listed = runCli(['list'], '', { PGLITE_DIR: dbDir });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^alice\.martin\tcounsellor\tAgence Lyon 3\tC-[0-9A-F]{6}\tactif\n$/);
    expect(listed.stdout).not.toContain(password);
  });

  it('answers a usage error with status 2', () => {
    const result = runCli(['create', 'alice'], 'whatever password\n', {
      PGLITE_DIR: join(tmpdir(), 'unused'),
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--role doit valoir counsellor ou admin.');
  });
});

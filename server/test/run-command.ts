import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const REPOSITORY_ROOT = join(import.meta.dirname, '../..');

export interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the repository's TypeScript commands as `npm run` does, against the database named in
 * `env` only (never the caller's DATABASE_URL or PGLITE_DIR). Asynchronous: over the PostgreSQL
 * protocol, this process serves the database the command reaches.
 */
export function runCommand(
  script: string,
  { args = [], env = {}, input = '' }: { args?: string[]; env?: Record<string, string>; input?: string },
): Promise<CommandRun> {
  const { DATABASE_URL: _url, PGLITE_DIR: _dir, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPOSITORY_ROOT,
      env: { ...inherited, ...env },
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

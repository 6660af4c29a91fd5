import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** `npm run serve` (its command, without npm in between) as a process manager runs it, then stops it. */
describe('npm run serve and SIGTERM', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'serve-signal-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('serves, then on SIGTERM says it is shutting down and exits 0', async () => {
    const child = spawn(TSX, ['server/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PGLITE_DIR: join(dataDir, 'pglite'),
        PORT: '0',
        HOST: '127.0.0.1',
        LLM: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /Assistant formation : (http:\S+)/.exec(stdout);
          if (match?.[1]) resolve(match[1]);
        });
        void exited.then((code) => reject(new Error(`exited with ${code} before serving:\n${stderr}`)));
      });
      expect((await fetch(`${url}api/health`)).status).toBe(200);

      child.kill('SIGTERM');

      expect(await exited).toBe(0);
      const messages = stderr
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { message: string }).message);
      expect(messages).toEqual(expect.arrayContaining(['signal received', 'shutting down', 'shut down']));
    } finally {
      child.kill('SIGKILL');
    }
  });
});

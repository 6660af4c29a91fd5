import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { IngestSummary } from '@reco/contracts';
import { describe, expect, it } from 'vitest';
import { tempDir, writePartnerFeed } from '../../test/catalogue-files';

const ROOT = join(import.meta.dirname, '../../..');

function runCli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'ingestion/src/cli/ingest.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm run ingest', () => {
  it('ingests files into PGLITE_DIR and ends with exactly one JSON line on stdout', () => {
    const dir = tempDir();
    const feed = writePartnerFeed(dir, 'feed.json', { name: 'Apec', siret: '18003604300018', kind: 'apec' }, [
      {
        ref: 'A-1',
        type: 'atelier',
        title: 'Atelier pitch et entretien',
        summary: 'Préparer un entretien de recrutement.',
        place: null,
        start: '2027-03-02T10:00:00+01:00',
        end: '2027-03-02T12:00:00+01:00',
      },
    ]);
    const result = runCli([feed, join(dir, 'absent.csv')], { PGLITE_DIR: join(dir, 'db') });

    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(IngestSummary.parse(JSON.parse(lines[0] ?? ''))).toMatchObject({
      read: 2,
      ingested: 1,
      quarantined: 1,
    });

    const report = runCli(['--report', '--json'], { PGLITE_DIR: join(dir, 'db') });
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout).sources).toEqual([
      expect.objectContaining({ source: 'partner', active: 1 }),
    ]);
  });

  it('refuses a usage error with exit status 2 and the usage on stderr', () => {
    const result = runCli(['--format', 'pdf', 'x.pdf'], { PGLITE_DIR: join(tempDir(), 'db') });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: npm run ingest');
  });

  it('names the wrong setting when the configuration is invalid', () => {
    const result = runCli(['x.xml'], { DATABASE_URL: 'not a url' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });
});

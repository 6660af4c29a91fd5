import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildDemoCatalogue, DEMO_MANIFEST_FILE, ingest, openCatalogue } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';

/**
 * `npm run bench:ingest`: the demo catalogue built and ingested into a fresh embedded database on
 * disk (parse, harmonise, embed with the built-in embedder, index), then re-ingested unchanged.
 * Prints the figures beside their targets; exits 1 when a target is missed.
 */
const TARGETS = { firstIngestSeconds: 90, unchangedSeconds: 10 };

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const catalogueDir = join(workDir, 'catalogue');
  const referenceDate = new Date().toISOString().slice(0, 10);
  try {
    const started = performance.now();
    const referentials = loadReferentials();
    const manifest = await buildDemoCatalogue({ referentials, outDir: catalogueDir, referenceDate });
    const built = performance.now();
    const files = readdirSync(catalogueDir)
      .filter((name) => name !== DEMO_MANIFEST_FILE)
      .sort()
      .map((name) => ({ path: join(catalogueDir, name) }));
    const parts = await openCatalogue({
      database: { databaseUrl: undefined, pgliteDir: join(workDir, 'pglite') },
      embedder: { kind: 'builtin' },
    });
    const first = await ingest({ ...parts, referentials, referenceDate }, files);
    const firstDone = performance.now();
    const second = await ingest({ ...parts, referentials, referenceDate }, files);
    const secondDone = performance.now();
    await parts.db.close();

    const figures = {
      machine: machineDescription(),
      sourceRecords: manifest.recordsByFormat,
      injectedDefects: manifest.files.reduce(
        (sum, file) => sum + Object.values(file.defects).reduce((a, b) => a + (b ?? 0), 0),
        0,
      ),
      crossProducerTrainings: new Set(manifest.crossProducerDuplicates.map((pair) => pair.mcf)).size,
      buildSeconds: round((built - started) / 1000),
      firstIngest: first,
      firstIngestSeconds: round((firstDone - started) / 1000),
      offersPerSecond: round(first.read / ((firstDone - built) / 1000)),
      unchangedReingest: second,
      unchangedSeconds: round((secondDone - firstDone) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      targets: TARGETS,
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    const ok =
      figures.firstIngestSeconds <= TARGETS.firstIngestSeconds &&
      figures.unchangedSeconds <= TARGETS.unchangedSeconds;
    process.stdout.write(
      `build + first ingest: ${figures.firstIngestSeconds} s (target ≤ ${TARGETS.firstIngestSeconds} s); ` +
        `unchanged re-ingest: ${figures.unchangedSeconds} s (target ≤ ${TARGETS.unchangedSeconds} s): ${ok ? 'PASS' : 'FAIL'}\n`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function machineDescription(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReferentials } from '@reco/referentials';
import { benchIngest } from './bench/ingest';
import { machineDescription } from './harness/machine';

/**
 * `npm run bench:ingest`: the demo catalogue built and ingested into a fresh embedded database on
 * disk (parse, harmonise, embed with the built-in embedder, index), then re-ingested unchanged.
 * Prints the figures beside their targets; exits 1 when a target is missed.
 */
const TARGETS = { firstIngestSeconds: 90, unchangedSeconds: 10 };

async function main() {
  const workDir = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
  try {
    const { figures, parts } = await benchIngest({
      referentials: loadReferentials(),
      workDir,
      referenceDate: new Date().toISOString().slice(0, 10),
      scale: 1,
    });
    await parts.db.close();
    const buildAndFirstIngest = Math.round((figures.buildSeconds + figures.firstIngestSeconds) * 10) / 10;
    process.stdout.write(
      `${JSON.stringify(
        {
          machine: machineDescription(),
          ...figures,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
          targets: TARGETS,
        },
        null,
        2,
      )}\n`,
    );
    const ok =
      buildAndFirstIngest <= TARGETS.firstIngestSeconds &&
      figures.unchangedReingestSeconds <= TARGETS.unchangedSeconds;
    process.stdout.write(
      `build + first ingest: ${buildAndFirstIngest} s (target ≤ ${TARGETS.firstIngestSeconds} s); ` +
        `unchanged re-ingest: ${figures.unchangedReingestSeconds} s (target ≤ ${TARGETS.unchangedSeconds} s): ${ok ? 'PASS' : 'FAIL'}\n`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

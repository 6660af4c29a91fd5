import { mkdtemp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildDemoCatalogue,
  type CatalogueParts,
  DEMO_MANIFEST_FILE,
  ingest,
  openCatalogue,
} from '@reco/ingestion';
import type { Referentials } from '@reco/referentials';
import { round } from './workload';

export interface IngestFigures {
  scale: number;
  sourceRecords: Record<string, number>;
  buildSeconds: number;
  firstIngestSeconds: number;
  /** Producer records read (several producers may describe one offer). */
  recordsRead: number;
  recordsPerSecond: number;
  /** Active offers at the end, over the first ingestion's time. */
  offersPerSecond: number;
  activeOffers: number;
  unchangedReingestSeconds: number;
  unchangedOffersPerSecond: number;
}

/**
 * The `bench-ingest.ts` measurement: the demo catalogue built, then ingested into a fresh embedded
 * database on disk (parse, harmonise, embed with the built-in embedder, index), then re-ingested
 * unchanged. The database is handed back open: the retrieval and load benchmarks run on it.
 */
export async function benchIngest(options: {
  referentials: Referentials;
  workDir: string;
  referenceDate: string;
  scale: number;
}): Promise<{ figures: IngestFigures; parts: CatalogueParts }> {
  const { referentials, referenceDate, scale } = options;
  const workDir = await mkdtemp(join(options.workDir, `ingest-x${scale}-`));
  const catalogueDir = join(workDir, 'catalogue');
  const started = performance.now();
  const manifest = await buildDemoCatalogue({ referentials, outDir: catalogueDir, referenceDate, scale });
  const built = performance.now();
  const files = (await readdir(catalogueDir))
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
  const firstSeconds = (firstDone - built) / 1000;
  const activeOffers = await parts.catalogue.countActiveOffers();
  const secondSeconds = (secondDone - firstDone) / 1000;
  return {
    parts,
    figures: {
      scale,
      sourceRecords: manifest.recordsByFormat,
      buildSeconds: round((built - started) / 1000),
      firstIngestSeconds: round(firstSeconds),
      recordsRead: first.read,
      recordsPerSecond: round(first.read / firstSeconds),
      offersPerSecond: round(activeOffers / firstSeconds),
      activeOffers,
      unchangedReingestSeconds: round(secondSeconds),
      unchangedOffersPerSecond: round(second.read / secondSeconds),
    },
  };
}

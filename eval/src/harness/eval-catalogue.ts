import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Offer } from '@reco/contracts';
import { CatalogueRepository, CatalogueSearch, type Database, openDatabase } from '@reco/db';
import {
  BuiltinCatalogueEmbedding,
  buildDemoCatalogue,
  type CatalogueEmbedding,
  DEMO_MANIFEST_FILE,
  type DemoManifest,
  type Embedder,
  ingest,
} from '@reco/ingestion';
import type { Referentials } from '@reco/referentials';

export interface EvalCatalogueOptions {
  referentials: Referentials;
  seed: number;
  referenceDate: string;
  scale: number;
  /** The built-in embedder by default; a test that needs no vectors passes a cheaper one. */
  embedding?: (catalogue: CatalogueRepository) => CatalogueEmbedding;
}

/** A demo catalogue ingested into a fresh embedded database, ready to be searched. */
export interface EvalCatalogue {
  db: Database;
  search: CatalogueSearch;
  embedder: Embedder;
  activeOffers: readonly Offer[];
  /** The demo catalogue's ground truth (duplicates, defects, prompt-injection offers…). */
  manifest: DemoManifest;
  buildSeconds: number;
  ingestSeconds: number;
  close(): Promise<void>;
}

/**
 * Builds the demo catalogue (deterministic for its seed, reference date and scale) into a temporary
 * directory and ingests it through the normal pipeline into a fresh in-memory PGlite, so that every
 * evaluation runs on the same, reproducible catalogue and leaves nothing behind.
 */
export async function openEvalCatalogue(options: EvalCatalogueOptions): Promise<EvalCatalogue> {
  const { referentials, seed, referenceDate, scale } = options;
  const workDir = await mkdtemp(join(tmpdir(), 'reco-eval-'));
  try {
    const started = performance.now();
    const catalogueDir = join(workDir, 'catalogue');
    const manifest = await buildDemoCatalogue({
      referentials,
      outDir: catalogueDir,
      referenceDate,
      seed,
      scale,
    });
    const built = performance.now();
    const files = (await readdir(catalogueDir))
      .filter((name) => name !== DEMO_MANIFEST_FILE)
      .sort()
      .map((name) => ({ path: join(catalogueDir, name) }));
    // In memory: a fresh database each run, nothing to clean up but the source files.
    const db = await openDatabase({});
    try {
      const catalogue = new CatalogueRepository(db);
      const embedding = (options.embedding ?? ((repository) => new BuiltinCatalogueEmbedding(repository)))(
        catalogue,
      );
      await ingest({ catalogue, embedding, referentials, referenceDate }, files);
      const ingested = performance.now();
      const embedder = await embedding.prepare(async () => {
        throw new Error('the ingestion left no embedding model');
      });
      return {
        db,
        search: new CatalogueSearch(db),
        embedder,
        activeOffers: await catalogue.activeOffers(),
        manifest,
        buildSeconds: seconds(built - started),
        ingestSeconds: seconds(ingested - built),
        close: () => db.close(),
      };
    } catch (error) {
      await db.close();
      throw error;
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function seconds(milliseconds: number): number {
  return Math.round(milliseconds / 100) / 10;
}

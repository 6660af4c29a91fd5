import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SourceName } from '@reco/contracts';
import type { Referentials } from '@reco/referentials';
import { dayOfIsoDate } from './calendar';
import { CertificationCatalogue } from './certifications';
import { LHEO_FILE, writeLheoCatalogue } from './lheo-catalogue';
import type { DemoFileEntry, DemoManifest } from './manifest';
import { mcfFileSpecs, writeMcfFile } from './mcf-catalogue';
import { writePartnerFeeds } from './partner-feeds';
import { Places } from './places';
import { ProviderFactory } from './providers';
import { createRandom } from './random';
import { scaled } from './roles';
import { SiretRegistry } from './siret';
import { unknownCodes } from './unknown-codes';

export type { DemoManifest } from './manifest';

export const DEMO_MANIFEST_FILE = 'manifest.json';
const DEFAULT_SEED = 20_240_917;

export interface BuildDemoCatalogueOptions {
  referentials: Referentials;
  outDir: string;
  /** "Today" for the sessions, YYYY-MM-DD: most start within the following twelve months. */
  referenceDate: string;
  seed?: number;
  /** 1 gives ~20,000 offers; tests use e.g. 0.02. */
  scale?: number;
}

/**
 * Builds the demo training catalogue from the real public referentials and writes it in the three
 * producers' formats (docs/catalogue-sources.md), with `manifest.json` giving the counts and the
 * ground truth (defects per file, cross-producer duplicates, prompt injections). The same seed,
 * reference date and scale always give the same bytes.
 */
export async function buildDemoCatalogue(options: BuildDemoCatalogueOptions): Promise<DemoManifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new Error(`scale must be positive, got ${scale}`);
  const referenceDay = dayOfIsoDate(options.referenceDate);
  await mkdir(options.outDir, { recursive: true });
  await removePreviousBuild(options.outDir);

  const root = createRandom(seed);
  const { referentials } = options;
  const places = new Places(referentials);
  const certifications = new CertificationCatalogue(referentials, root.fork('certifications'));
  const sirets = new SiretRegistry();
  const providers = new ProviderFactory(places, sirets);
  const codes = unknownCodes(referentials);

  const lheo = await writeLheoCatalogue({
    path: join(options.outDir, LHEO_FILE),
    random: root.fork('lheo'),
    referentials,
    places,
    certifications,
    providers,
    referenceDay,
    scale,
    sharedTrainings: scaled(40, scale),
    unknownCodes: codes,
  });

  const mcfContext = {
    random: root.fork('mcf'),
    referentials,
    places,
    certifications,
    providers,
    referenceDay,
    unknownCodes: codes,
  };
  const mcf = [];
  for (const spec of mcfFileSpecs(scale, lheo.sharedTrainings)) {
    mcf.push(await writeMcfFile(spec, mcfContext, join(options.outDir, spec.file)));
  }

  const partners = await writePartnerFeeds(
    { random: root.fork('partners'), referentials, places, certifications, sirets, referenceDay, scale },
    options.outDir,
  );

  const files = [lheo.file, ...mcf.map((outcome) => outcome.file), ...partners.files];
  const manifest: DemoManifest = {
    generator: 'reco-demo-catalogue',
    referenceDate: options.referenceDate,
    seed,
    scale,
    files,
    recordsByFormat: recordsByFormat(files),
    crossProducerDuplicates: mcf.flatMap((outcome) => outcome.crossProducerDuplicates),
    promptInjections: [
      ...lheo.promptInjections,
      ...mcf.flatMap((outcome) => outcome.promptInjections),
      ...partners.promptInjections,
    ],
  };
  await writeFile(join(options.outDir, DEMO_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Deletes the files an earlier build listed in its manifest, and nothing else: file names depend on
 * the seed (partners are named after cities), and a stale feed left beside a new build would be
 * ingested with it.
 */
async function removePreviousBuild(outDir: string): Promise<void> {
  let previous: Partial<DemoManifest>;
  try {
    previous = JSON.parse(await readFile(join(outDir, DEMO_MANIFEST_FILE), 'utf-8')) as Partial<DemoManifest>;
  } catch {
    return;
  }
  for (const file of previous.files ?? []) {
    // basename: a manifest names files of its own directory, never a path elsewhere.
    await rm(join(outDir, basename(String(file.file))), { force: true });
  }
}

function recordsByFormat(files: readonly DemoFileEntry[]): Record<SourceName, number> {
  const totals: Record<SourceName, number> = { lheo: 0, mcf: 0, partner: 0 };
  for (const file of files) {
    const source: SourceName =
      file.format === 'lheo' ? 'lheo' : file.format === 'partner' ? 'partner' : 'mcf';
    totals[source] += file.records;
  }
  return totals;
}

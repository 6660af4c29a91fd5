import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobseekerProfile } from '@reco/contracts';
import { CatalogueSearch } from '@reco/db';
import { buildDemoCatalogue, DEMO_MANIFEST_FILE, ingest, openCatalogue } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';
import { HybridRetriever, type RetrievalRequest } from './hybrid-retriever';
import { JobTitleResolver } from './job-title-resolver';

/**
 * `npx tsx server/src/retrieval/bench-retrieval.ts [pglite-dir]`: retrieval latencies over the demo
 * catalogue. With a directory that already holds an ingested catalogue, uses it; otherwise builds
 * and ingests the demo catalogue into a temporary one (a minute or two) and deletes it afterwards.
 */
const ROUNDS = 5;

const REQUESTS: { name: string; profile: JobseekerProfile; text: string }[] = [
  {
    name: 'ROME target, Lyon 30 km',
    profile: { targetJobs: [{ romeCode: 'N1101' }], location: { inseeCode: '69383' }, mobilityKm: 30 },
    text: 'Il souhaite passer ses CACES et travailler en entrepôt.',
  },
  {
    name: 'title target, Nantes 20 km, CPF, max 3000 €',
    profile: {
      targetJobs: [{ label: 'aide soignante' }],
      location: { postcode: '44000' },
      mobilityKm: 20,
      cpfOnly: true,
      maxCostEur: 3000,
    },
    text: 'Reconversion après dix ans dans la vente, disponible en septembre.',
  },
  {
    name: 'free text only, Toulouse 50 km',
    profile: { location: { inseeCode: '31555' }, mobilityKm: 50 },
    text: 'Elle voudrait devenir boulangère, ou à défaut travailler en pâtisserie.',
  },
  {
    name: 'remote only, Aurillac, long request',
    profile: {
      targetJobs: [{ label: 'dev web' }],
      skills: ['HTML', 'JavaScript', 'Gestion de projet'],
      location: { inseeCode: '15014' },
      mobilityKm: 10,
      modality: 'remote',
    },
    text:
      'Ancien technicien de maintenance, il a appris seul le HTML et le JavaScript et souhaite une formation ' +
      'certifiante à distance pour devenir développeur, idéalement avec un stage en entreprise et un financement CPF.',
  },
];

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-retrieval-'));
  const pgliteDir = process.argv[2] ?? join(workDir, 'pglite');
  const referentials = loadReferentials();
  const referenceDate = new Date().toISOString().slice(0, 10);
  try {
    const parts = await openCatalogue({
      database: { databaseUrl: undefined, pgliteDir },
      embedder: { kind: 'builtin' },
    });
    if ((await parts.catalogue.countActiveOffers()) === 0) {
      const catalogueDir = join(workDir, 'catalogue');
      await buildDemoCatalogue({ referentials, outDir: catalogueDir, referenceDate });
      const files = readdirSync(catalogueDir)
        .filter((name) => name !== DEMO_MANIFEST_FILE)
        .map((name) => ({ path: join(catalogueDir, name) }));
      await ingest({ ...parts, referentials, referenceDate }, files);
    }
    const offers = await parts.catalogue.countActiveOffers();
    const embedder = await parts.embedding.prepare(async () => {
      throw new Error('the catalogue has no embedding model: ingest it first');
    });
    const search = new CatalogueSearch(parts.db);
    let started = performance.now();
    const resolver = JobTitleResolver.fromReferentials(referentials);
    const resolverBuildMs = performance.now() - started;
    const retriever = new HybridRetriever({ search, embedder, referentials, resolver });

    process.stdout.write(
      `${offers} active offers, embedder ${embedder.modelId} (${embedder.dimensions} d)\n`,
    );
    process.stdout.write(`job title index built in ${resolverBuildMs.toFixed(0)} ms\n`);
    started = performance.now();
    for (let round = 0; round < 100; round++) {
      resolver.resolve('aide soignante');
      resolver.resolve('carsite');
      resolver.findJobTitlesInText(REQUESTS[2]?.text ?? '');
    }
    process.stdout.write(
      `job title resolution: ${((performance.now() - started) / 300).toFixed(2)} ms a call\n\n`,
    );

    for (const { name, profile, text } of REQUESTS) {
      const request: RetrievalRequest = { profile, text, referenceDate, limit: 30 };
      await retriever.retrieve(request);
      const hybrid = await timed(() => retriever.retrieve(request));
      const vector = await timed(() => retriever.retrieveVectorOnly(request));
      const fullText = await timed(() => retriever.retrieveFullTextOnly(request));
      const result = await retriever.retrieve(request);
      process.stdout.write(
        `${name}: hybrid ${hybrid} | vector only ${vector} | full text only ${fullText}\n` +
          `  jobs ${result.resolvedJobs.map((job) => `${job.romeCode} (${job.via})`).join(', ') || 'none'}; ` +
          `${result.candidates.length} candidates; first: ${result.candidates
            .slice(0, 3)
            .map((candidate) => `${candidate.offer.title} [${candidate.facts.distanceKm ?? '-'} km]`)
            .join(' / ')}\n`,
      );
    }

    const lyon = { origin: { lat: 45.75336, lon: 4.86919, departement: '69' }, radiusKm: 30 };
    for (const q of ['boulanger', 'aide soigante', 'développeur web']) {
      await search.searchOffers({ q, area: lyon });
      const duration = await timed(() => search.searchOffers({ q, area: lyon }));
      const titles = (await search.searchOffers({ q, area: lyon, limit: 3 })).map((row) => row.offer.title);
      process.stdout.write(`counsellor search "${q}" near Lyon: ${duration}; ${titles.join(' / ')}\n`);
    }

    const [vector] = await embedder.embed(['cariste entrepôt chariot élévateur']);
    if (vector) {
      const filters = { referenceDate, area: lyon, cpfOnly: true };
      const plan = await search.explainVectorCandidates(
        embedder.modelId,
        embedder.dimensions,
        vector,
        filters,
        60,
      );
      process.stdout.write(`\nvector query plan:\n${plan}\n`);
    }
    await parts.db.close();
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Median and worst of a few runs, in ms. */
async function timed(run: () => Promise<unknown>): Promise<string> {
  const durations: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const median = durations[Math.floor(durations.length / 2)] ?? 0;
  return `${median.toFixed(0)} ms (max ${(durations.at(-1) ?? 0).toFixed(0)})`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

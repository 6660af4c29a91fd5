import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { IngestSummary } from '@reco/contracts';
import { CatalogueRepository, migrate, PostgresDatabase } from '@reco/db';
import { loadReferentials } from '@reco/referentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCatalogue } from '../src/demo/build-demo-catalogue';
import { OllamaEmbedder } from '../src/embedding/ollama-embedder';
import { OllamaCatalogueEmbedding } from '../src/pipeline/catalogue-embedding';
import { ingest } from '../src/pipeline/ingest';
import { catalogueFiles, nextDelivery } from './catalogue-deliveries';
import { tempDir } from './catalogue-files';
import { catalogueSnapshot } from './catalogue-snapshot';
import { FakeOllamaEmbed } from './fake-ollama-embed';
import { StatementTripwire } from './statement-tripwire';

/**
 * A crash during ingestion, for real: the ingest CLI runs as a child process against PGlite served
 * over the PostgreSQL protocol from this process, through a proxy that SIGKILLs it right before a
 * chosen statement. The next run must leave exactly the catalogue a clean run leaves.
 */

const ROOT = join(import.meta.dirname, '../..');
const EMBED_MODEL = 'fake-embed';
// The CLI expires sessions against its own today: the in-process reference runs must agree.
const TODAY = new Date().toISOString().slice(0, 10);
// Two CLI runs of ~1,200 records each: about 20 s on an idle machine, far more on a shared one.
const CLI_RUNS_TIMEOUT_MS = 240_000;

interface Served {
  pglite: PGlite;
  tripwire: StatementTripwire;
  close(): Promise<void>;
}

async function serve(loadDataDir?: Blob): Promise<Served> {
  const pglite = await PGlite.create({ loadDataDir, extensions: { vector, unaccent, pg_trgm } });
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const [host = '127.0.0.1', port = '0'] = server.getServerConn().split(':');
  const tripwire = await StatementTripwire.start({ host, port: Number(port) });
  return {
    pglite,
    tripwire,
    async close() {
      await tripwire.close();
      await server.stop();
      await pglite.close();
    },
  };
}

function runCli(databaseUrl: string, ollamaUrl: string, files: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingestion/src/cli/ingest.ts', ...files], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      EMBEDDER: 'ollama',
      OLLAMA_BASE_URL: ollamaUrl,
      OLLAMA_EMBED_MODEL: EMBED_MODEL,
      OLLAMA_EMBED_DIMENSIONS: '16',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { kill: () => child.kill('SIGKILL'), exit };
}

const snapshotOf = (pglite: PGlite) =>
  catalogueSnapshot(async <Row>(sql: string) => (await pglite.query<Row>(sql)).rows);

describe('a crash during ingestion', () => {
  let ollama: FakeOllamaEmbed;
  let firstDelivery: string[];
  let secondDelivery: string[];
  let afterFirst: Awaited<ReturnType<typeof snapshotOf>>;
  let afterSecond: Awaited<ReturnType<typeof snapshotOf>>;
  let firstDeliveryState: Blob;

  beforeAll(async () => {
    const referentials = loadReferentials();
    const dir = tempDir();
    // ~1,200 records: more than one batch of each kind (records, offers, embeddings).
    await buildDemoCatalogue({
      referentials,
      outDir: join(dir, 'v1'),
      referenceDate: '2026-12-01',
      scale: 0.06,
    });
    firstDelivery = catalogueFiles(join(dir, 'v1'));
    secondDelivery = nextDelivery(join(dir, 'v1'), join(dir, 'v2'));
    ollama = await FakeOllamaEmbed.start();

    // The reference: each delivery ingested once, without a crash, by the same code in this process.
    const served = await serve();
    const db = await PostgresDatabase.open(served.tripwire.url, 2);
    try {
      await migrate(db);
      const catalogue = new CatalogueRepository(db);
      const deps = {
        catalogue,
        referentials,
        referenceDate: TODAY,
        embedding: new OllamaCatalogueEmbedding(
          new OllamaEmbedder({ baseUrl: ollama.url, model: EMBED_MODEL, dimensions: ollama.dimensions }),
        ),
      };
      await ingest(
        deps,
        firstDelivery.map((path) => ({ path })),
      );
      afterFirst = await snapshotOf(served.pglite);
      firstDeliveryState = await served.pglite.dumpDataDir('none');
      await ingest(
        deps,
        secondDelivery.map((path) => ({ path })),
      );
      afterSecond = await snapshotOf(served.pglite);
    } finally {
      await db.close();
      await served.close();
    }
  }, CLI_RUNS_TIMEOUT_MS);
  afterAll(() => ollama?.close());

  it('the reference runs are what the scenarios need: several batches, merges, retirements, quarantine', () => {
    expect(afterFirst.offers.length).toBeGreaterThan(1000);
    expect(afterFirst.embeddings).toHaveLength(afterFirst.offers.length);
    expect(afterFirst.sourceRecords.length).toBeGreaterThan(afterFirst.offers.length);
    expect(afterFirst.quarantine.length).toBeGreaterThan(10);
    const retired = afterSecond.sourceRecords.filter(
      (row) => (row as { status: string }).status === 'retired',
    );
    expect(retired.length).toBeGreaterThan(50);
  });

  async function crashThenResume(options: {
    from?: Blob;
    files: string[];
    statement: string;
    occurrence: number;
  }) {
    const served = await serve(options.from);
    try {
      let cli: ReturnType<typeof runCli> | undefined;
      served.tripwire.arm({
        statement: options.statement,
        occurrence: options.occurrence,
        onTrip: () => cli?.kill(),
      });
      cli = runCli(served.tripwire.url, ollama.url, options.files);
      const crashed = await cli.exit;
      expect(served.tripwire.hasTripped, crashed.stderr).toBe(true);
      expect(crashed.signal).toBe('SIGKILL');
      expect((await snapshotOf(served.pglite)).lastRunStatus).toEqual([{ status: 'running' }]);

      served.tripwire.arm(undefined);
      const resumed = await runCli(served.tripwire.url, ollama.url, options.files).exit;
      expect(resumed.code, resumed.stderr).toBe(0);
      IngestSummary.parse(JSON.parse(resumed.stdout));
      return await snapshotOf(served.pglite);
    } finally {
      await served.close();
    }
  }

  it.each([
    ['after the first batch of producer records is stored', 'INSERT INTO source_records', 2],
    ['half-way through composing offers', 'INSERT INTO offers', 2],
    ['once everything is stored but the run not yet marked completed', 'UPDATE ingest_runs SET status', 1],
  ])(
    'of the first run, %s: the next run leaves the catalogue of a clean run',
    async (_when, statement, occurrence) => {
      const resumed = await crashThenResume({ files: firstDelivery, statement, occurrence });
      expect(resumed).toEqual(afterFirst);
    },
    CLI_RUNS_TIMEOUT_MS,
  );

  it.each([
    ['between storing and marking seen a batch of records', 'UPDATE source_records s SET last_run_id', 2],
    ['right after retiring what the delivery lacks', 'FROM source_records WHERE merge_key = ANY', 1],
  ])(
    'of a re-delivery, %s: nothing is lost, duplicated or wrongly retired',
    async (_when, statement, occurrence) => {
      const resumed = await crashThenResume({
        from: firstDeliveryState,
        files: secondDelivery,
        statement,
        occurrence,
      });
      expect(resumed).toEqual(afterSecond);
    },
    CLI_RUNS_TIMEOUT_MS,
  );

  it(
    'of the embedder (Ollama drops the connection mid-run): the run fails, the next one completes the vectors',
    async () => {
      const served = await serve();
      try {
        ollama.cutAfter(10);
        const failed = await runCli(served.tripwire.url, ollama.url, firstDelivery).exit;
        ollama.cutAfter(undefined);
        expect(failed.code).toBe(1);
        expect(failed.stderr).toMatch(/Ollama .* gave no embeddings/);
        const partial = await snapshotOf(served.pglite);
        expect(partial.lastRunStatus).toEqual([{ status: 'failed' }]);
        expect(partial.embeddings.length).toBeGreaterThan(0);
        expect(partial.embeddings.length).toBeLessThan(afterFirst.offers.length);

        const resumed = await runCli(served.tripwire.url, ollama.url, firstDelivery).exit;
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(await snapshotOf(served.pglite)).toEqual(afterFirst);
      } finally {
        await served.close();
      }
    },
    CLI_RUNS_TIMEOUT_MS,
  );
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadReferentials } from '@reco/referentials';
import { machineDescription } from '../harness/machine';
import { benchGuardrail, type GuardrailFigures } from './guardrail';
import { benchIngest, type IngestFigures } from './ingest';
import { benchLoad, type LoadFigures } from './load';
import { renderReport } from './report';
import { benchRetrieval, type RetrievalFigures } from './retrieval';
import { type ScaleUpFigures, scaleUpCatalogue } from './scale-up';
import { benchQueries } from './workload';

/**
 * `npm run bench`: the headline figures, each beside a baseline measured in the same run.
 *
 *   1. ingestion of the demo catalogue (scale 1, ~20,000 offers), first and unchanged;
 *   2. `HybridRetriever.retrieve` latency at that size, beside the vector-only and full-text-only
 *      lists; with `--scale-200k`, again after replicating the catalogue ×10 (see scale-up.ts);
 *   3. guardrail checks/s against the naive baseline (the guardrails package's own benchmark);
 *   4. `POST /api/recommendations` under autocannon load (fake LLM) beside `GET /api/health`.
 *
 * Writes eval/reports/bench-latest.md and .json. Options: --load-seconds N (60),
 * --health-seconds N (20), --connections N (50), --queries N (100), --scale-200k, --skip-load.
 */
export interface BenchReport {
  generatedAt: string;
  machine: {
    description: string;
    cores: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
    freeMemoryGiBAtStart: number;
  };
  options: {
    loadSeconds: number;
    healthSeconds: number;
    connections: number;
    queries: number;
    scale200k: boolean;
  };
  ingest: IngestFigures;
  retrieval20k: RetrievalFigures;
  scaleUp?: ScaleUpFigures;
  retrieval200k?: RetrievalFigures;
  guardrail: Omit<GuardrailFigures, 'output'>;
  load?: LoadFigures;
  totalSeconds: number;
}

const REFERENCE_DATE = '2026-12-01';
const WARM_UP = 10;
const REPORTS_DIR = fileURLToPath(new URL('../../reports/', import.meta.url));

async function main() {
  const { values } = parseArgs({
    options: {
      'load-seconds': { type: 'string', default: '60' },
      'health-seconds': { type: 'string', default: '20' },
      connections: { type: 'string', default: '50' },
      queries: { type: 'string', default: '100' },
      'scale-200k': { type: 'boolean', default: false },
      'skip-load': { type: 'boolean', default: false },
    },
  });
  const options = {
    loadSeconds: positive(values['load-seconds'], 'load-seconds', 600),
    healthSeconds: positive(values['health-seconds'], 'health-seconds', 600),
    connections: positive(values.connections, 'connections', 200),
    queries: positive(values.queries, 'queries', 2000),
    scale200k: values['scale-200k'],
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  const processors = cpus();
  const loadAverageAtStart = loadavg().map((value) => Math.round(value * 100) / 100);
  const freeMemoryGiBAtStart = Math.round((freemem() / 2 ** 30) * 10) / 10;
  const referentials = loadReferentials();
  const queries = benchQueries(referentials, WARM_UP + options.queries);
  const workDir = mkdtempSync(join(tmpdir(), 'reco-bench-'));
  try {
    log('1/4 ingestion: demo catalogue (scale 1), first and unchanged…');
    const { figures: ingest, parts } = await benchIngest({
      referentials,
      workDir,
      referenceDate: REFERENCE_DATE,
      scale: 1,
    });
    log(`  ${ingest.activeOffers} active offers, first ingest ${ingest.firstIngestSeconds} s`);
    try {
      const embedder = await parts.embedding.prepare(async () => {
        throw new Error('the ingestion left no embedding model');
      });
      log(`2/4 retrieval latency at ${ingest.activeOffers} offers (${options.queries} queries × 3 systems)…`);
      const retrieval20k = await benchRetrieval({
        db: parts.db,
        embedder,
        referentials,
        referenceDate: REFERENCE_DATE,
        queries,
        warmUp: WARM_UP,
        activeOffers: ingest.activeOffers,
      });
      log('3/4 guardrail against the naive baseline…');
      const { output: _output, ...guardrail } = await benchGuardrail();
      let load: LoadFigures | undefined;
      if (!values['skip-load']) {
        log('4/4 load…');
        load = await benchLoad({
          parts,
          queries,
          connections: options.connections,
          seconds: options.loadSeconds,
          healthSeconds: options.healthSeconds,
          activeOffers: ingest.activeOffers,
          log,
        });
      }
      // Last, because it rewrites the catalogue the other measurements ran on.
      let scaleUp: ScaleUpFigures | undefined;
      let retrieval200k: RetrievalFigures | undefined;
      if (options.scale200k) {
        log('scale-up: replicating the catalogue ×10 through SQL, then ANALYZE and HNSW rebuild…');
        scaleUp = await scaleUpCatalogue(parts.db, 10);
        log(
          `  ${scaleUp.activeOffersAfter} active offers (copy ${scaleUp.copySeconds} s, HNSW ${scaleUp.hnswRebuildSeconds} s)`,
        );
        log(`retrieval latency at ${scaleUp.activeOffersAfter} offers…`);
        retrieval200k = await benchRetrieval({
          db: parts.db,
          embedder,
          referentials,
          referenceDate: REFERENCE_DATE,
          queries,
          warmUp: WARM_UP,
          activeOffers: scaleUp.activeOffersAfter,
        });
      }
      const report: BenchReport = {
        generatedAt: new Date().toISOString(),
        machine: {
          description: machineDescription(),
          cores: processors.length,
          cpuModel: processors[0]?.model.trim() ?? 'unknown',
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
          loadAverageAtStart,
          loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
          freeMemoryGiBAtStart,
        },
        options,
        ingest,
        retrieval20k,
        ...(scaleUp && { scaleUp }),
        ...(retrieval200k && { retrieval200k }),
        guardrail,
        ...(load && { load }),
        totalSeconds: Math.round((performance.now() - started) / 1000),
      };
      const { markdown, summary } = renderReport(report);
      mkdirSync(REPORTS_DIR, { recursive: true });
      writeFileSync(join(REPORTS_DIR, 'bench-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(join(REPORTS_DIR, 'bench-latest.md'), markdown);
      process.stdout.write(`${summary}\n`);
      log(`written: ${join(REPORTS_DIR, 'bench-latest.md')} and .json`);
    } finally {
      await parts.db.close();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function positive(value: string | undefined, name: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0 || number > max) {
    throw new Error(`--${name}: an integer from 1 to ${max} was expected, got ${value}`);
  }
  return number;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

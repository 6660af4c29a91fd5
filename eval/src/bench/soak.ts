import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadReferentials } from '@reco/referentials';
import { startFakeOllama } from '@reco/server/test/fake-ollama';
import { machineDescription } from '../harness/machine';
import { emptyTally, runCounsellorSession } from './counsellor-session';
import { type MemorySample, memoryTrend, toSample } from './memory-trend';
import { reconcile } from './request-ledger';
import type { ChildMessage, ParentMessage } from './soak-protocol';
import { type SoakReport, soakChartSvg, soakMarkdown, withSoakSection } from './soak-report';
import { benchQueries, round } from './workload';

/**
 * `npm run bench:soak`: does the server's memory stay flat under steady use? The app runs in a child
 * process (soak-server.ts, with `--expose-gc`) over the 20,000-offer demo catalogue, with the fake
 * Ollama (in this process) as its LLM, as `npm run bench` runs it; here, `--counsellors` virtual counsellors go through whole
 * sessions one after another (counsellor-session.ts) for `--minutes`, while the child's memory is
 * read after a forced GC every `--sample-seconds`. Memory "does not grow" when heap used rises by
 * less than `--max-heap-slope` MB/min over the second half of the run (the first half is warm-up).
 *
 * Writes docs/benchmarks/soak-memory.svg, the soak section of docs/benchmarks.md and
 * eval/reports/soak-latest.json. Exits 1 when memory grows, a request fails or one is lost.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER = fileURLToPath(new URL('./soak-server.ts', import.meta.url));

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      counsellors: { type: 'string', default: '4' },
      'sample-seconds': { type: 'string', default: '10' },
      'max-heap-slope': { type: 'string', default: '1' },
    },
  });
  const options = {
    minutes: positive(values.minutes, 'minutes', 240),
    counsellors: Math.round(positive(values.counsellors, 'counsellors', 50)),
    sampleSeconds: positive(values['sample-seconds'], 'sample-seconds', 600),
    maxHeapSlopeMBPerMinute: positive(values['max-heap-slope'], 'max-heap-slope', 1000),
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const loadAverageAtStart = loadAverage();
  log('starting the server process: demo catalogue (scale 1) ingested into a fresh PGlite…');
  // In this process, like Ollama in its own: the fake keeps every request it gets.
  const fake = await startFakeOllama({ kind: 'choose' });
  const child = fork(SERVER, [String(options.counsellors), fake.url], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const ready = await request(child, undefined, 'ready');
    log(
      `${ready.activeOffers} active offers; ${options.counsellors} counsellors for ${options.minutes} min…`,
    );
    const queries = benchQueries(loadReferentials(), 200);
    const tally = emptyTally();
    const samples: MemorySample[] = [];
    const started = performance.now();
    const elapsedMinutes = () => (performance.now() - started) / 60_000;
    const sample = async () => {
      const { memory } = await request(child, { type: 'sample' }, 'sample');
      const taken = toSample(elapsedMinutes(), memory, tally.requests);
      samples.push(taken);
      log(
        `  ${taken.minutes.toFixed(1)} min: heap ${taken.heapUsedMB} MB, RSS ${taken.rssMB} MB, ` +
          `${tally.requests} requests, ${tally.failed} failed`,
      );
    };
    await sample();
    const deadline = started + options.minutes * 60_000;
    let nextQuery = 0;
    const counsellors = ready.usernames.map(async (username) => {
      while (performance.now() < deadline) {
        const query = queries[nextQuery++ % queries.length];
        if (!query) throw new Error('no workload query');
        await runCounsellorSession({ base: ready.base, username, password: ready.password, query, tally });
      }
    });
    // Samples are taken on schedule while the counsellors work, and one at the deadline.
    const sampler = (async () => {
      for (let next = 1; started + next * options.sampleSeconds * 1000 < deadline; next++) {
        await sleepUntil(started + next * options.sampleSeconds * 1000);
        await sample();
      }
      await sleepUntil(deadline);
      await sample();
    })();
    await Promise.all([...counsellors, sampler]);
    const loadSeconds = (performance.now() - started) / 1000;
    const counts = await request(child, { type: 'ledger' }, 'ledger');
    const afterLoad = await request(child, { type: 'sample' }, 'sample');
    const ledger = reconcile({
      answered2xx: tally.recommendations2xx,
      failed: tally.failed,
      received: counts.received,
      stored: counts.stored,
      maxAbandoned: 0,
    });
    const heapUsed = memoryTrend(samples, (s) => s.heapUsedMB);
    const grows = heapUsed.secondHalfSlopeMBPerMinute >= options.maxHeapSlopeMBPerMinute;
    const report: SoakReport = {
      generatedAt: new Date().toISOString(),
      machine: machineDescription(),
      loadAverageAtStart,
      loadAverageAtEnd: loadAverage(),
      options,
      activeOffers: ready.activeOffers,
      sessions: tally.sessions,
      requests: tally.requests,
      requestsPerSecond: round(tally.requests / loadSeconds),
      failed: tally.failed,
      outcomes: tally.outcomes,
      ledger,
      heapUsed,
      rss: memoryTrend(samples, (s) => s.rssMB),
      heapUsedAfterLoadMB: toSample(elapsedMinutes(), afterLoad.memory, tally.requests).heapUsedMB,
      samples,
      grows,
      passed: !grows && ledger.ok,
    };
    writeOutputs(report);
    process.stdout.write(`${soakMarkdown(report)}\n`);
    return report.passed ? 0 : 1;
  } finally {
    if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    await exited;
    await fake.close();
  }
}

function writeOutputs(report: SoakReport): void {
  const docs = join(ROOT, 'docs');
  mkdirSync(join(docs, 'benchmarks'), { recursive: true });
  writeFileSync(join(docs, 'benchmarks', 'soak-memory.svg'), soakChartSvg(report));
  const benchmarksDoc = join(docs, 'benchmarks.md');
  writeFileSync(benchmarksDoc, withSoakSection(readFileSync(benchmarksDoc, 'utf8'), soakMarkdown(report)));
  const reports = join(ROOT, 'eval', 'reports');
  mkdirSync(reports, { recursive: true });
  writeFileSync(join(reports, 'soak-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
}

/** Sends `message` (if any) and waits for the child's next message of `type`; fails if the child dies. */
function request<T extends ChildMessage['type']>(
  child: ChildProcess,
  message: ParentMessage | undefined,
  type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: ChildMessage) => {
      if (answer.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(answer as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`the server process exited (code ${code}) before answering ${type}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

function sleepUntil(time: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, time - performance.now())));
}

function loadAverage(): number[] {
  return loadavg().map((value) => round(value, 2));
}

function positive(value: string | undefined, name: string, max: number): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > max) {
    throw new Error(`--${name}: a number above 0 and at most ${max} was expected, got ${value}`);
  }
  return number;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

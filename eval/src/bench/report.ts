import type { RequestLedger } from './request-ledger';
import type { RetrievalFigures } from './retrieval';
import type { BenchReport } from './run-bench';

const fmt = (value: number, digits = 1) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
    : 'n/a';

/** The summary table (printed and at the top of the report), then the details. */
export function renderReport(report: BenchReport): { markdown: string; summary: string } {
  const { ingest, retrieval20k: r20, retrieval200k: r200, guardrail, load } = report;
  const rows: [string, string, string, string][] = [
    [
      'Ingestion, first (built-in embedder)',
      `${fmt(ingest.offersPerSecond)} offers/s (${fmt(ingest.recordsPerSecond)} records/s), ${fmt(ingest.firstIngestSeconds)} s`,
      `unchanged re-ingest ${fmt(ingest.unchangedReingestSeconds)} s`,
      `×${fmt(ingest.firstIngestSeconds / ingest.unchangedReingestSeconds)} faster unchanged`,
    ],
    ...retrievalRows(r20),
    ...(r200 ? retrievalRows(r200) : []),
    [
      'Guardrail',
      `${fmt(guardrail.guardrailChecksPerSecond, 0)} checks/s (${fmt(guardrail.guardrailMicrosPerCheck)} µs)`,
      `naive ${fmt(guardrail.naiveChecksPerSecond, 0)} checks/s`,
      `×${fmt(guardrail.speedUp)}`,
    ],
  ];
  if (load) {
    const rec = load.recommendations;
    rows.push([
      `Load: POST /api/recommendations, ${rec.connections} conn., ${fmt(rec.durationSeconds, 0)} s`,
      `${fmt(rec.requestsPerSecond)} req/s; p50/p95/p99 ${fmt(rec.latency.p50Ms, 0)}/${fmt(rec.latency.p95Ms, 0)}/${fmt(rec.latency.p99Ms, 0)} ms; non-2xx ${rec.non2xx}, errors ${rec.errors}, timeouts ${rec.timeouts}; ${load.ledger.lost} lost (${load.ledger.stored} stored)`,
      `GET /api/health ${fmt(load.health.requestsPerSecond)} req/s (p50/p99 ${fmt(load.health.latency.p50Ms, 0)}/${fmt(load.health.latency.p99Ms, 0)} ms)`,
      `${fmt(load.throughputRatioToHealth * 100, 2)} % of health`,
    ]);
  }
  const table = [
    '| measure | figure | baseline (same run) | ratio |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  const m = report.machine;
  const machine =
    `${m.description}; load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')}; ` +
    `${m.freeMemoryGiBAtStart} GiB free at start`;
  const markdown = [
    '# Benchmarks: latest run',
    '',
    `Generated ${report.generatedAt} by \`npm run bench\` in ${report.totalSeconds} s. How to read it: [docs/benchmarks.md](../../docs/benchmarks.md).`,
    '',
    `Machine: ${machine}.`,
    '',
    `Options: ${JSON.stringify(report.options)}.`,
    '',
    table,
    '',
    '## Ingestion',
    '',
    `Demo catalogue at scale ${ingest.scale} (${Object.entries(ingest.sourceRecords)
      .map(([format, count]) => `${format} ${count}`)
      .join(', ')} source records), built in ${fmt(ingest.buildSeconds)} s, ingested into PGlite on disk: ` +
      `${ingest.recordsRead} records read, ${ingest.activeOffers} active offers in ${fmt(ingest.firstIngestSeconds)} s; ` +
      `unchanged re-ingest ${fmt(ingest.unchangedReingestSeconds)} s (${fmt(ingest.unchangedOffersPerSecond)} records/s).`,
    '',
    '## Retrieval latency (HybridRetriever, direct calls, one at a time)',
    '',
    retrievalTable(r20),
    ...(r200 && report.scaleUp
      ? [
          '',
          `Scaled up ×${report.scaleUp.factor} by SQL replication (${report.scaleUp.activeOffersBefore} → ${report.scaleUp.activeOffersAfter} active offers): ` +
            `copy ${fmt(report.scaleUp.copySeconds)} s, ANALYZE ${fmt(report.scaleUp.analyzeSeconds)} s, HNSW rebuild ${fmt(report.scaleUp.hnswRebuildSeconds)} s.`,
          '',
          retrievalTable(r200),
        ]
      : ['', 'The 200,000-offer measurement was not run (`--scale-200k`).']),
    '',
    '## Guardrail',
    '',
    `${guardrail.termCount} sensitive terms; compiled guardrail ${fmt(guardrail.guardrailChecksPerSecond, 0)} checks/s ` +
      `(${fmt(guardrail.guardrailMicrosPerCheck)} µs/check) against ${fmt(guardrail.naiveChecksPerSecond, 0)} checks/s ` +
      `(${fmt(guardrail.naiveMicrosPerCheck)} µs/check) for the naive baseline: ×${fmt(guardrail.speedUp)}.`,
    '',
    ...(load
      ? [
          '## Load (autocannon, 127.0.0.1)',
          '',
          `${load.activeOffers} active offers; LLM: ${load.llm}; ${load.sessions} counsellor sessions; ` +
            `${load.fakeOllamaChatRequests} chat requests reached the fake LLM.`,
          '',
          '| route | conn. | s | requests | req/s | mean ms | p50 | p95 | p99 | max | 2xx | non-2xx | errors | timeouts | status codes |',
          '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
          ...[load.recommendations, load.health].map(
            (run) =>
              `| ${run.route} | ${run.connections} | ${fmt(run.durationSeconds, 0)} | ${run.requests} | ${fmt(run.requestsPerSecond)} | ` +
              `${fmt(run.latency.meanMs)} | ${fmt(run.latency.p50Ms)} | ${fmt(run.latency.p95Ms)} | ${fmt(run.latency.p99Ms)} | ${fmt(run.latency.maxMs)} | ` +
              `${run.ok2xx} | ${run.non2xx} | ${run.errors} | ${run.timeouts} | ${JSON.stringify(run.statusCodes)} |`,
          ),
          '',
          ledgerSentence(load.ledger),
          '',
        ]
      : ['The load test was skipped (`--skip-load`).', '']),
  ].join('\n');
  return { markdown, summary: `\nMachine: ${machine}\n\n${table}\n` };
}

function ledgerSentence(ledger: RequestLedger): string {
  return (
    `**${ledger.ok ? 'No request lost' : 'Requests lost or failed'}.** ${ledger.answered2xx} recommendations answered 2xx to autocannon, ` +
    `${ledger.received} received by the server, ${ledger.stored} stored in the database for the load's counsellors ` +
    `(${ledger.abandonedAtStop} of them in flight when autocannon stopped at its deadline and dropped its connections: ` +
    `the server finished and stored them), ${ledger.failed} non-2xx, errors or timeouts, ${ledger.lost} lost.`
  );
}

function retrievalRows(r: RetrievalFigures): [string, string, string, string][] {
  return [
    [
      `Retrieval p50/p95 at ${r.activeOffers} offers (hybrid)`,
      `${fmt(r.hybrid.p50Ms)} / ${fmt(r.hybrid.p95Ms)} ms`,
      `vector only ${fmt(r.vectorOnly.p50Ms)} / ${fmt(r.vectorOnly.p95Ms)} ms; full text only ${fmt(r.fullTextOnly.p50Ms)} / ${fmt(r.fullTextOnly.p95Ms)} ms`,
      `p95 ×${fmt(r.p95RatioToVectorOnly, 2)} vector, ×${fmt(r.p95RatioToFullTextOnly, 2)} full text`,
    ],
  ];
}

function retrievalTable(r: RetrievalFigures): string {
  return [
    `${r.activeOffers} active offers, ${r.queries} queries after ${r.warmUp} warm-up ones; the three systems take turns on each query.`,
    '',
    '| system | mean ms | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    ...(
      [
        ['hybrid (retrieve)', r.hybrid],
        ['vector only', r.vectorOnly],
        ['full text only', r.fullTextOnly],
      ] as const
    ).map(
      ([name, s]) =>
        `| ${name} | ${fmt(s.meanMs)} | ${fmt(s.p50Ms)} | ${fmt(s.p95Ms)} | ${fmt(s.p99Ms)} | ${fmt(s.maxMs)} |`,
    ),
  ].join('\n');
}

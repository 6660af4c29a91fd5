import { lineChartSvg } from './line-chart-svg';
import type { MemorySample, MemoryTrend } from './memory-trend';
import type { RequestLedger } from './request-ledger';

export interface SoakReport {
  generatedAt: string;
  machine: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  options: { minutes: number; counsellors: number; sampleSeconds: number; maxHeapSlopeMBPerMinute: number };
  activeOffers: number;
  sessions: number;
  requests: number;
  requestsPerSecond: number;
  failed: number;
  outcomes: Record<string, number>;
  ledger: RequestLedger;
  heapUsed: MemoryTrend;
  rss: MemoryTrend;
  /** Heap used once the load stopped and every request was answered, after a forced GC. */
  heapUsedAfterLoadMB: number;
  samples: MemorySample[];
  grows: boolean;
  passed: boolean;
}

const fmt = (value: number, digits = 1) =>
  value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function soakChartSvg(report: SoakReport): string {
  return lineChartSvg({
    title: `Server memory under ${report.options.counsellors} counsellors for ${fmt(report.options.minutes)} min (after GC)`,
    xLabel: 'minutes',
    yLabel: 'MB',
    series: [
      { label: 'heap used', points: report.samples.map((s) => ({ x: s.minutes, y: s.heapUsedMB })) },
      { label: 'RSS', points: report.samples.map((s) => ({ x: s.minutes, y: s.rssMB })) },
      { label: 'external', points: report.samples.map((s) => ({ x: s.minutes, y: s.externalMB })) },
    ],
  });
}

/** The section of docs/benchmarks.md between the soak markers. */
export function soakMarkdown(report: SoakReport): string {
  const { heapUsed, rss, ledger, options } = report;
  const verdict = report.passed
    ? `**Passed**: heap used grows by ${fmt(heapUsed.secondHalfSlopeMBPerMinute, 3)} MB/min over the second half ` +
      `(threshold ${fmt(options.maxHeapSlopeMBPerMinute)} MB/min), no failure, no request lost.`
    : `**Failed**: ${[
        report.grows &&
          `heap used grows by ${fmt(heapUsed.secondHalfSlopeMBPerMinute, 3)} MB/min over the second half (threshold ${fmt(options.maxHeapSlopeMBPerMinute)} MB/min)`,
        report.failed > 0 && `${report.failed} failed requests`,
        ledger.lost > 0 && `${ledger.lost} requests lost`,
      ]
        .filter(Boolean)
        .join('; ')}.`;
  return [
    `Generated ${report.generatedAt} by \`npm run bench:soak -- --minutes ${options.minutes}\`. Machine: ${report.machine}; ` +
      `load average at start ${report.loadAverageAtStart.join(' / ')}, at end ${report.loadAverageAtEnd.join(' / ')}.`,
    '',
    verdict,
    '',
    '![Server memory during the soak test](benchmarks/soak-memory.svg)',
    '',
    '| measure (server process, after a forced GC) | start | end | max | slope, second half |',
    '| --- | --- | --- | --- | --- |',
    `| heap used | ${fmt(heapUsed.startMB)} MB | ${fmt(heapUsed.endMB)} MB | ${fmt(heapUsed.maxMB)} MB | ${fmt(heapUsed.secondHalfSlopeMBPerMinute, 3)} MB/min |`,
    `| RSS | ${fmt(rss.startMB)} MB | ${fmt(rss.endMB)} MB | ${fmt(rss.maxMB)} MB | ${fmt(rss.secondHalfSlopeMBPerMinute, 3)} MB/min |`,
    '',
    `${report.activeOffers} active offers; ${options.counsellors} counsellors in parallel, ${report.sessions} sessions, ` +
      `${report.requests} requests (${fmt(report.requestsPerSecond)} req/s), ${report.failed} failed; ` +
      `heap used ${fmt(report.heapUsedAfterLoadMB)} MB once the load stopped. ` +
      `Recommendations: ${ledger.answered2xx} answered 2xx, ${ledger.received} received, ${ledger.stored} stored, ${ledger.lost} lost. ` +
      `Answers by step: ${Object.entries(report.outcomes)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([outcome, count]) => `${outcome}: ${count}`)
        .join(', ')}.`,
  ].join('\n');
}

export const SOAK_BEGIN = '<!-- soak:begin (written by npm run bench:soak) -->';
export const SOAK_END = '<!-- soak:end -->';

/** The document with the soak section replaced, or appended under its own heading the first time. */
export function withSoakSection(document: string, section: string): string {
  const begin = document.indexOf(SOAK_BEGIN);
  const end = document.indexOf(SOAK_END);
  const block = `${SOAK_BEGIN}\n${section}\n${SOAK_END}`;
  if (begin === -1 || end < begin) return `${document.trimEnd()}\n\n## Soak: latest figures\n\n${block}\n`;
  return `${document.slice(0, begin)}${block}${document.slice(end + SOAK_END.length)}`;
}

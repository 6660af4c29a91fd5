import type { QualityReport } from '@reco/db';

const percent = (share: number | null | undefined) => `${Math.round((share ?? 0) * 100)}%`.padStart(5);

/** The quality report as a reader wants it: one block per producer, then what was quarantined and why. */
export function formatQualityReport(report: QualityReport): string {
  const lines: string[] = ['Catalogue quality report', ''];
  for (const source of report.sources) {
    lines.push(`${source.source}: ${source.active} active records, ${source.retired} retired`);
    lines.push(
      `  fields filled: ${Object.entries(source.filled)
        .map(([field, share]) => `${field} ${percent(share).trim()}`)
        .join(', ')}`,
    );
    lines.push(
      `  location precision: ${Object.entries(source.precision)
        .map(([precision, count]) => `${precision} ${count}`)
        .join(', ')}`,
    );
  }
  lines.push('', 'Quarantined in the latest delivery of each file:');
  if (report.quarantined.length === 0) lines.push('  nothing');
  for (const row of report.quarantined) {
    lines.push(
      `  ${row.source.padEnd(8)} ${row.file.padEnd(28)} ${String(row.count).padStart(6)}  ${row.reason}`,
    );
  }
  return lines.join('\n');
}

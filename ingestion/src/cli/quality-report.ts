import type { QualityReport } from '@reco/db';

const FIELDS = [
  'objectives',
  'content',
  'certification',
  'formacodes',
  'romeCodes',
  'siret',
  'sessionDates',
  'durationHours',
  'costEur',
];

const percent = (share: number | null | undefined) => `${Math.round((share ?? 0) * 100)}%`;

/** The quality report as a reader wants it: one block per producer, then what was quarantined and why. */
export function formatQualityReport(report: QualityReport): string {
  const lines: string[] = ['Catalogue quality report', ''];
  for (const source of report.sources) {
    lines.push(`${source.source}: ${source.active} active records, ${source.retired} retired`);
    lines.push(
      `  fields filled: ${FIELDS.map((field) => `${field} ${percent(source.filled[field])}`).join(', ')}`,
    );
    lines.push(
      `  location precision: ${Object.entries(source.precision)
        .sort(([, a], [, b]) => b - a)
        .map(([precision, count]) => `${precision} ${count}`)
        .join(', ')}`,
    );
  }
  lines.push('', 'Quarantined in the latest delivery of each file (count, reason):');
  if (report.quarantined.length === 0) lines.push('  nothing');
  const fileWidth = Math.max(0, ...report.quarantined.map((row) => row.file.length));
  for (const row of report.quarantined) {
    lines.push(
      `  ${row.source.padEnd(8)} ${row.file.padEnd(fileWidth)} ${String(row.count).padStart(6)}  ${row.reason}`,
    );
  }
  return lines.join('\n');
}

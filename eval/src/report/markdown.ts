/** A GitHub-flavoured Markdown table; cells are escaped so that a `|` in a text cannot break it. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A 0..1 figure with three decimals, the precision the thresholds are written with. */
export function fixed3(value: number): string {
  return value.toFixed(3);
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

function escapeCell(cell: string): string {
  return cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

export interface CsvOptions {
  delimiter: ',' | ';';
  encoding: 'utf-8' | 'windows-1252';
  /** False for exports that never quote and carry literal `"` inside fields (Certif Info). */
  quoted: boolean;
}

/** Every row of a CSV file as raw cells, the header row included when the file has one. */
export function readCsvRows(path: string, options: CsvOptions): string[][] {
  const text = iconv.decode(readFileSync(path), options.encoding);
  // Some sources have ragged rows (Formacode's public-type terms stop after 4 cells).
  return parse(text, {
    delimiter: options.delimiter,
    quote: options.quoted ? '"' : false,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
}

/**
 * Rows keyed by the header's column names. Unnamed columns (the RNCP exports end with `;;`) are
 * dropped rather than letting csv-parse reject the duplicate empty names.
 */
export function readCsvRecords(path: string, options: CsvOptions): Record<string, string>[] {
  const [header, ...rows] = readCsvRows(path, options);
  if (!header) return [];
  return rows.map((cells) => {
    const record: Record<string, string> = {};
    header.forEach((name, index) => {
      if (name !== '') record[name] = (cells[index] ?? '').trim();
    });
    return record;
  });
}

/** Reads a record's column, failing loudly when the source layout changed under us. */
export function column(record: Record<string, string>, name: string): string {
  const value = record[name];
  if (value === undefined) throw new Error(`Missing column "${name}"`);
  return value;
}

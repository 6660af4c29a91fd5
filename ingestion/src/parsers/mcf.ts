import { CsvError, parse } from 'csv-parse';
import { decodeText } from './decode';
import { collapseWhitespace } from './fields';
import { jsonDocumentEvents } from './json-stream';
import { MCF_REQUIRED_COLUMNS, type McfRow, mcfRecordFromRow } from './mcf-row';
import type { ParseEvent, Parser } from './source-record';
import { transformBatches } from './transform-batches';

interface CsvRecord {
  record: string[];
  raw: string;
}

/** No training description comes near this; a record this long is an unclosed quote eating the file. */
const MAX_RECORD_CHARS = 1024 * 1024;
const EXCERPT_CHARS = 160;

/**
 * The Mon Compte Formation export as CSV: `;`-separated, header first, columns matched by name in
 * any order. A broken row is quarantined with its line and the rows after it still read.
 */
export const parseMcfCsv: Parser = async function* (input, file) {
  const csv = parse({
    delimiter: ';',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    raw: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const readRow = rowReader(file);
  const lines = new LineCounter();
  let columns: Map<string, number> | undefined;

  for await (const batch of transformBatches<CsvRecord>(decodeText(input), csv)) {
    if (batch.type === 'error') {
      const line =
        batch.error instanceof CsvError && typeof batch.error.lines === 'number' ? batch.error.lines : '?';
      const reason = `unreadable CSV: ${batch.error.message}; the rest of the file was not read`;
      yield quarantine(file, `line ${line}`, reason);
      yield { type: 'incomplete', reason };
      return;
    }
    for (const { record, raw } of batch.items) {
      const position = `line ${lines.firstLineOf(raw)}`;
      if (!columns) {
        columns = columnIndex(record);
        const missing = MCF_REQUIRED_COLUMNS.filter((name) => !columns?.has(name));
        if (missing.length > 0) {
          const reason = `not a Mon Compte Formation export: missing column(s) ${missing.join(', ')}`;
          yield quarantine(file, position, reason, excerptOf(raw));
          yield { type: 'incomplete', reason };
          return;
        }
        continue;
      }
      if (record.every((value) => value.trim() === '')) continue;
      const shapeError = columnCountError(record, columns.size);
      if (shapeError) {
        yield quarantine(file, position, shapeError, excerptOf(raw));
        continue;
      }
      yield readRow(rowOf(record, columns), position, excerptOf(raw));
    }
  }
  if (!columns) {
    const reason = 'empty file: no header line';
    yield quarantine(file, 'line 1', reason);
    yield { type: 'incomplete', reason };
  }
};

/**
 * The same export as JSON: an array of objects with the CSV's column names as keys. A cut file keeps
 * every complete item before the cut and is reported incomplete.
 */
export const parseMcfJson: Parser = async function* (input, file) {
  const readRow = rowReader(file);
  let itemsRead = 0;
  for await (const event of jsonDocumentEvents(input)) {
    if (event.type === 'root' && event.shape !== 'array') {
      const reason = 'not a Mon Compte Formation JSON export: the document is not an array';
      yield quarantine(file, 'item 1', reason);
      yield { type: 'incomplete', reason };
      return;
    }
    if (event.type === 'broken') {
      const reason = `JSON cut or malformed after item ${itemsRead}: ${event.reason}`;
      yield quarantine(file, `item ${itemsRead + 1}`, reason);
      yield { type: 'incomplete', reason };
      return;
    }
    if (event.type === 'oversized' && event.as === 'element') {
      itemsRead = event.index + 1;
      yield quarantine(file, `item ${itemsRead}`, `item ${event.reason}`);
      continue;
    }
    if (event.type !== 'element') continue;
    itemsRead = event.index + 1;
    const position = `item ${itemsRead}`;
    const excerpt = JSON.stringify(event.value).slice(0, EXCERPT_CHARS);
    const read = rowOfJson(event.value);
    if ('reason' in read) yield quarantine(file, position, read.reason, excerpt);
    else yield readRow(read.row, position, excerpt);
  }
};

/** Maps rows and refuses a second row with an id already read: the first one stands. */
function rowReader(file: string): (row: McfRow, position: string, excerpt?: string) => ParseEvent {
  const seenIds = new Set<string>();
  return (row, position, excerpt) => {
    const result = mcfRecordFromRow(row, position);
    if ('reasons' in result) return quarantine(file, position, result.reasons.join('; '), excerpt);
    if (seenIds.has(result.record.sourceId)) {
      return quarantine(file, position, `duplicate id ${result.record.sourceId}`, excerpt);
    }
    seenIds.add(result.record.sourceId);
    return { type: 'record', record: result.record };
  };
}

function columnIndex(header: string[]): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name
      .replace(/^\ufeff/, '')
      .trim()
      .toLowerCase();
    if (!columns.has(key)) columns.set(key, index);
  });
  return columns;
}

function columnCountError(record: string[], expected: number): string | undefined {
  if (record.length < expected) return `${record.length} fields where the header has ${expected}`;
  // A trailing `;` adds an empty field and is harmless; text there means the columns are shifted.
  const extra = record.slice(expected);
  if (extra.some((value) => value.trim() !== ''))
    return `${record.length} fields where the header has ${expected}`;
  return undefined;
}

function rowOf(record: string[], columns: Map<string, number>): McfRow {
  const row: Record<string, string | undefined> = {};
  for (const [name, index] of columns) row[name] = record[index];
  return row;
}

function rowOfJson(value: unknown): { row: McfRow } | { reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { reason: 'not a JSON object' };
  const row: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null) row[key] = '';
    else if (typeof field === 'string') row[key] = field;
    else if (typeof field === 'number') row[key] = String(field);
    else return { reason: `${key}: neither text nor a number` };
  }
  return { row };
}

/**
 * Line numbers as an editor shows them. csv-parse's own count takes the CR and the LF of a CRLF
 * inside a quoted field for two lines, so every later position would drift; the raw text of the
 * records (skipped blank lines lead it) is counted here instead, a CRLF, CR or LF being one break.
 */
class LineCounter {
  private breaksBefore = 0;

  firstLineOf(raw: string): number {
    const leading = /^[\r\n]+/.exec(raw)?.[0] ?? '';
    const first = 1 + this.breaksBefore + lineBreaks(leading);
    this.breaksBefore += lineBreaks(raw);
    return first;
  }
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function excerptOf(raw: string): string {
  return collapseWhitespace(raw).slice(0, EXCERPT_CHARS);
}

function quarantine(file: string, position: string, reason: string, excerpt?: string): ParseEvent {
  return { type: 'quarantine', entry: { file, source: 'mcf', position, reason, excerpt } };
}

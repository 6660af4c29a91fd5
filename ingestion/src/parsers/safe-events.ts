import type { QuarantineEntry, SourceName } from '@reco/contracts';
import type { ParseEvent } from './source-record';

/**
 * Longest text a record field may hold. Descriptions run to a few thousand characters; anything
 * past these is a defect (a file pasted into a cell, an unclosed tag) that would bloat the offer
 * and its full-text index (PostgreSQL refuses a tsvector over 1 MB).
 */
export const MAX_LONG_FIELD_CHARS = 50_000;
export const MAX_SHORT_FIELD_CHARS = 2_000;
const LONG_FIELDS = new Set(['objectives', 'content', 'audience']);

/** Quarantine rows quote producer text: bounded, so that a huge bad value does not fill the table. */
const MAX_REPORT_CHARS: Record<'position' | 'reason' | 'excerpt', number> = {
  position: 200,
  reason: 1_000,
  excerpt: 300,
};

/**
 * The last gate between a parser and the database, whatever the format: text PostgreSQL cannot
 * store (NUL and other control characters, lone UTF-16 surrogates from JSON `\ud800` escapes) is
 * cleaned, a record with an oversized field is quarantined with the field's name, quarantine texts
 * are bounded, and a parser that throws ends its file as a quarantined, incomplete delivery
 * rather than the run.
 */
export async function* safeEvents(
  events: AsyncIterable<ParseEvent> | Iterable<ParseEvent>,
  file: string,
  source: SourceName | undefined,
): AsyncGenerator<ParseEvent> {
  try {
    for await (const event of events) yield safeEvent(event, file);
  } catch (error) {
    const reason = `the reader failed: ${error instanceof Error ? error.message : String(error)}; the rest of the file was not read`;
    yield { type: 'quarantine', entry: boundedEntry({ file, source, position: 'file', reason }) };
    yield { type: 'incomplete', reason };
  }
}

function safeEvent(event: ParseEvent, file: string): ParseEvent {
  if (event.type === 'quarantine') return { type: 'quarantine', entry: boundedEntry(event.entry) };
  if (event.type === 'incomplete') return event;
  const record = cleanStrings(event.record);
  const oversized = oversizedField(record);
  if (!oversized) return { type: 'record', record };
  return {
    type: 'quarantine',
    entry: boundedEntry({
      file,
      source: record.source,
      position: record.position,
      reason: `${oversized.path}: ${oversized.length} characters, more than the ${oversized.limit} allowed`,
      excerpt: record.title,
    }),
  };
}

/** The entry with storable text and bounded position, reason and excerpt. */
export function boundedEntry(entry: QuarantineEntry): QuarantineEntry {
  const clean = cleanStrings(entry);
  return {
    ...clean,
    position: shortened(clean.position, MAX_REPORT_CHARS.position),
    reason: shortened(clean.reason, MAX_REPORT_CHARS.reason),
    ...(clean.excerpt !== undefined && { excerpt: shortened(clean.excerpt, MAX_REPORT_CHARS.excerpt) }),
  };
}

function shortened(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

// Tab, line feed and carriage return are text; the other C0 controls and DEL are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function cleanText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(LONE_SURROGATE, '\ufffd');
}

/** The same value with every string in it cleaned; records are small plain data. */
function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, cleanStrings(field)])) as T;
  }
  return value;
}

/** The first field longer than its limit, by its path in the record. */
function oversizedField(
  value: unknown,
  path: string[] = [],
): { path: string; length: number; limit: number } | undefined {
  if (typeof value === 'string') {
    const limit = LONG_FIELDS.has(path[0] ?? '') ? MAX_LONG_FIELD_CHARS : MAX_SHORT_FIELD_CHARS;
    return value.length > limit ? { path: path.join('.'), length: value.length, limit } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, field] of Object.entries(value)) {
    const found = oversizedField(field, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

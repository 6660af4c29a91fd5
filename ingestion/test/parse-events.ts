import { readFileSync } from 'node:fs';
import type { ParseEvent, Parser, SourceRecord } from '../src/parsers/source-record';

/** A fixture of `ingestion/test/fixtures`, as bytes. */
export function fixtureBytes(path: string): Buffer {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url));
}

/** Feeds bytes in small chunks, so that fields, multi-byte characters and JSON tokens get cut between chunks. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Runs a parser over bytes (or UTF-8 text) and sorts its events by type. */
export async function runParser(parser: Parser, content: string | Uint8Array, chunkSize = 97, file = 'file') {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const events: ParseEvent[] = [];
  for await (const event of parser(chunked(bytes, chunkSize), file)) events.push(event);
  return {
    events,
    records: events.flatMap((e) => (e.type === 'record' ? [e.record] : [])),
    quarantined: events.flatMap((e) => (e.type === 'quarantine' ? [e.entry] : [])),
    incomplete: events.flatMap((e) => (e.type === 'incomplete' ? [e.reason] : [])),
  };
}

/** A record without where it was read, to compare records read from two layouts of the same data. */
export function withoutPosition({ position: _, ...rest }: SourceRecord): Omit<SourceRecord, 'position'> {
  return rest;
}

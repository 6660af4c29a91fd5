import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../src/parsers/json-stream';
import { MAX_XML_DEPTH } from '../src/parsers/lheo';
import { MAX_LONG_FIELD_CHARS } from '../src/parsers/safe-events';

/** Byte-level edits of valid catalogue files, for property-based fuzzing of the readers. */

const encoder = new TextEncoder();

/** Producer text that breaks naive readers: delimiters, quotes, nesting, escapes, bad encodings. */
const NASTY: Uint8Array[] = [
  '"',
  ';',
  '\n',
  '\r\n',
  ',',
  ':',
  '{',
  '}',
  '[',
  ']',
  '<',
  '>',
  '&',
  '</formation>',
  '<formation numero="X">',
  '<action numero="X">',
  '<![CDATA[',
  ']]>',
  '<!--',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&undefined;',
  '<!DOCTYPE lheo [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
  '&c;',
  '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
  '\\u0000',
  '\\ud800',
  '\\"',
  '"__proto__":{"ref":"P"},',
  '1e999',
  '-0',
  'null',
  '\u0000',
  '\ufeff',
  '<a>'.repeat(MAX_XML_DEPTH + 5),
  '['.repeat(MAX_JSON_DEPTH + 5),
  '{"a":'.repeat(MAX_JSON_DEPTH + 5),
  'x'.repeat(MAX_LONG_FIELD_CHARS + 10),
].map((text) => encoder.encode(text));
const INVALID_BYTES = [
  Uint8Array.of(0xff, 0xfe),
  Uint8Array.of(0xc3),
  Uint8Array.of(0xe2, 0x82),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0x80),
  Uint8Array.of(0xef, 0xbb, 0xbf),
];

/** An edit of a valid file; `at` is a fraction of its length, so that it lands inside whatever the length. */
type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('flip' as const), at: fraction, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fraction,
    bytes: fc.oneof(
      fc.constantFrom(...NASTY, ...INVALID_BYTES),
      fc.uint8Array({ minLength: 1, maxLength: 16 }),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fraction,
    length: fc.integer({ min: 1, max: 400 }),
    times: fc.integer({ min: 2, max: 20 }),
  }),
);

export function mutate(sample: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = sample;
  for (const edit of mutations) {
    const at = Math.floor(edit.at * bytes.length);
    if (edit.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (edit.kind === 'flip') {
      bytes = Uint8Array.from(bytes);
      if (at < bytes.length) bytes[at] = (bytes[at] ?? 0) ^ edit.mask;
    } else if (edit.kind === 'insert') bytes = concat(bytes.subarray(0, at), edit.bytes, bytes.subarray(at));
    else if (edit.kind === 'delete') bytes = concat(bytes.subarray(0, at), bytes.subarray(at + edit.length));
    else {
      const slice = bytes.subarray(at, at + edit.length);
      const copies = Array.from({ length: edit.times }, () => slice);
      bytes = concat(bytes.subarray(0, at), ...copies, bytes.subarray(at));
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

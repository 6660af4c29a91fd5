import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate, mutation } from '../../test/fuzz-mutations';
import { fixtureBytes } from '../../test/parse-events';
import { MAX_JSON_DEPTH, MAX_JSON_ELEMENT_CHARS, MAX_JSON_VALUE_CHARS } from './json-stream';
import { MAX_FORMATION_ELEMENTS, MAX_XML_DEPTH, MAX_XML_NODE_CHARS, parseLheo } from './lheo';
import { parseMcfCsv, parseMcfJson } from './mcf';
import { parsePartnerFeed } from './partner';
import { MAX_LONG_FIELD_CHARS, MAX_SHORT_FIELD_CHARS, safeEvents } from './safe-events';
import type { ParseEvent, Parser } from './source-record';

/**
 * Property-based fuzzing of the three catalogue parsers: whatever the bytes, a parser yields events
 * and ends, never throws; what it yields is well-formed (quarantine entries name the file, a
 * position and a reason; an incomplete delivery is said once, last); and once through the
 * pipeline's gate (`safeEvents`) every text is storable and bounded. Explicit limits are checked
 * on endless and oversized inputs, which must end in a refusal after a bounded read.
 */

const PARSERS: [name: string, parser: Parser, samples: string[]][] = [
  [
    'LHEO XML',
    parseLheo,
    ['lheo/lheo-schema-exemple-bts-onisep.xml', 'lheo/anotea-intercarif-data-test.xml'],
  ],
  ['Mon Compte Formation CSV', parseMcfCsv, ['mcf/catalogue.csv', 'mcf/faulty.csv']],
  ['Mon Compte Formation JSON', parseMcfJson, ['mcf/catalogue.json']],
  ['partner feed', parsePartnerFeed, ['partner/feed.json']],
];

const FILE = 'fuzz.dat';
const encoder = new TextEncoder();

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const all: ParseEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: what must never reach the database
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The parser's own promises, and the gate's: checked on every fuzzed input. */
async function expectWellBehaved(parser: Parser, bytes: Uint8Array, chunkSize: number) {
  const raw = await collect(parser(chunked(bytes, chunkSize), FILE));
  const incomplete = raw.filter((event) => event.type === 'incomplete');
  expect(incomplete.length).toBeLessThanOrEqual(1);
  if (incomplete.length === 1) expect(raw.at(-1)?.type).toBe('incomplete');
  for (const event of raw) {
    if (event.type === 'quarantine') {
      expect(event.entry.file).toBe(FILE);
      expect(event.entry.position.trim()).not.toBe('');
      expect(event.entry.reason.trim()).not.toBe('');
    }
    if (event.type === 'record') {
      expect(event.record.sourceId.trim()).not.toBe('');
      expect(event.record.title.trim()).not.toBe('');
      expect(event.record.position.trim()).not.toBe('');
    }
  }

  const gated = await collect(safeEvents(raw, FILE, undefined));
  expect(gated).toHaveLength(raw.length);
  for (const event of gated) {
    if (event.type === 'incomplete') continue;
    for (const text of stringsIn(event.type === 'record' ? event.record : event.entry)) {
      expect(text).not.toMatch(UNSTORABLE);
      expect(text).not.toMatch(LONE_SURROGATE);
    }
    if (event.type === 'quarantine') {
      expect(event.entry.reason.length).toBeLessThanOrEqual(1_000);
      expect((event.entry.excerpt ?? '').length).toBeLessThanOrEqual(300);
    } else {
      const { objectives, content, audience, ...short } = event.record;
      for (const long of [objectives, content, audience]) {
        expect((long ?? '').length).toBeLessThanOrEqual(MAX_LONG_FIELD_CHARS);
      }
      for (const text of stringsIn(short)) expect(text.length).toBeLessThanOrEqual(MAX_SHORT_FIELD_CHARS);
    }
  }
  return raw;
}

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (typeof value === 'object' && value !== null) {
    for (const field of Object.values(value)) yield* stringsIn(field);
  }
}

const recordsOf = (events: ParseEvent[]) =>
  events.flatMap((event) => (event.type === 'record' ? [event.record] : []));

describe.each(PARSERS)('the %s parser under fuzzing', (_name, parser, samples) => {
  const sampleBytes = samples.map((path) => new Uint8Array(fixtureBytes(path)));

  it('never throws on arbitrary bytes (200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 512 }), (bytes, chunk) =>
        expectWellBehaved(parser, bytes, chunk).then(() => undefined),
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on mutated valid files, and reads the same records however the bytes are cut (300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: sampleBytes.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 7, max: 4096 }),
        async (sampleIndex, mutations, chunk) => {
          const bytes = mutate(sampleBytes[sampleIndex] ?? new Uint8Array(), mutations);
          const events = await expectWellBehaved(parser, bytes, chunk);
          const whole = await collect(parser(chunked(bytes, bytes.length + 1), FILE));
          expect(recordsOf(events)).toEqual(recordsOf(whole));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** An endless input, counting what the parser pulled from it. */
function endless(prefix: string, repeated: string) {
  const counter = { bytes: 0 };
  const unit = encoder.encode(repeated.repeat(Math.ceil(65_536 / repeated.length)));
  async function* bytes(): AsyncGenerator<Uint8Array> {
    const head = encoder.encode(prefix);
    counter.bytes += head.length;
    yield head;
    for (;;) {
      counter.bytes += unit.length;
      yield unit;
    }
  }
  return { bytes, counter };
}

describe('explicit limits: an endless or oversized input ends in a refusal after a bounded read', () => {
  it.each([
    [
      'an endless text node',
      '<lheo><offres><formation numero="1"><intitule-formation>',
      'x',
      /XML node runs past/,
    ],
    ['endless nesting', '<lheo><offres>', '<a>', new RegExp(`nested deeper than ${MAX_XML_DEPTH}`)],
    ['an endless tag', '<lheo><offres><formation ', 'a="b" ', /XML node runs past/],
    ['an endless comment', '<lheo><offres><!--', 'x', /XML node runs past/],
  ])('LHEO: %s', async (_name, prefix, repeated, reason) => {
    const { bytes, counter } = endless(prefix, repeated);
    const events = await collect(parseLheo(bytes(), FILE));
    expect(events.at(-1)?.type).toBe('incomplete');
    expect(events.find((event) => event.type === 'quarantine')).toMatchObject({
      entry: { reason: expect.stringMatching(reason) },
    });
    // Decoded text is at most a few chunks ahead of what was checked.
    expect(counter.bytes).toBeLessThan(MAX_XML_NODE_CHARS + 1024 * 1024);
  });

  it('LHEO: a formation too large is quarantined, the next one still read', async () => {
    const huge = `<formation numero="F1"><intitule-formation>Trop grande</intitule-formation>${'<x>y</x>'.repeat(MAX_FORMATION_ELEMENTS + 10)}</formation>`;
    const good =
      '<formation numero="F2"><intitule-formation>Soudeur</intitule-formation><action numero="A2"><lieu-de-formation><coordonnees><adresse><codepostal>44000</codepostal></adresse></coordonnees></lieu-de-formation></action></formation>';
    const xml = `<lheo><offres>${huge}${good}</offres></lheo>`;
    const events = await collect(parseLheo(chunked(encoder.encode(xml), 65_536), FILE));
    expect(events).toEqual([
      {
        type: 'quarantine',
        entry: expect.objectContaining({
          position: 'formation 1 (line 1)',
          reason: expect.stringMatching(/formation too large/),
        }),
      },
      { type: 'record', record: expect.objectContaining({ sourceId: 'A2' }) },
    ]);
  });

  it('LHEO: entity declarations are never expanded (billion laughs, external entities)', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE lheo [<!ENTITY a "${'a'.repeat(100)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY e${i + 1} "${`&${i === 0 ? 'a' : `e${i}`};`.repeat(10)}">`).join('')}<!ENTITY x SYSTEM "file:///etc/passwd">]><lheo><offres><formation numero="F"><intitule-formation>&e9;&x;</intitule-formation></formation></offres></lheo>`;
    const events = await collect(parseLheo(chunked(encoder.encode(xml), 512), FILE));
    expect(recordsOf(events)).toEqual([]);
    expect(events.at(-1)?.type).toBe('incomplete');
    expect(JSON.stringify(events).length).toBeLessThan(10_000);
  });

  it.each([
    ['an endless string', '[{"numero_formation":"', 'x'],
    ['endless nesting', '[', '['],
    ['an endless key', '[{"', 'k'],
  ])('JSON: %s', async (_name, prefix, repeated) => {
    const { bytes, counter } = endless(prefix, repeated);
    const events = await collect(parseMcfJson(bytes(), FILE));
    expect(events.at(-1)?.type).toBe('incomplete');
    expect(counter.bytes).toBeLessThan(MAX_JSON_VALUE_CHARS + 1024 * 1024);
  });

  it('JSON: an item too large or too deep is quarantined by position, the next one still read', async () => {
    const row = (numero: string) => ({
      numero_formation: numero,
      intitule_formation: 'Soudeur',
      code_departement: '44',
      nom_of: 'Formatec',
    });
    const wide = Object.fromEntries(
      Array.from({ length: MAX_JSON_ELEMENT_CHARS / 8 }, (_, i) => [`k${i}`, 1]),
    );
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    const json = `[${JSON.stringify({ ...row('A'), ...wide })},${deep},${JSON.stringify(row('B'))}]`;
    const events = await collect(parseMcfJson(chunked(encoder.encode(json), 65_536), FILE));
    expect(events.map((event) => (event.type === 'record' ? event.record.sourceId : event.type))).toEqual([
      'quarantine',
      'quarantine',
      'B:44',
    ]);
    expect(events.slice(0, 2)).toEqual([
      {
        type: 'quarantine',
        entry: expect.objectContaining({ position: 'item 1', reason: expect.stringMatching(/larger than/) }),
      },
      {
        type: 'quarantine',
        entry: expect.objectContaining({
          position: 'item 2',
          reason: expect.stringMatching(/nested deeper/),
        }),
      },
    ]);
  });

  it('partner feed: an item too large is quarantined, the others read', async () => {
    const feed = JSON.parse(fixtureBytes('partner/feed.json').toString('utf8')) as {
      items: Record<string, unknown>[];
    };
    const [first, ...rest] = feed.items;
    const items = [{ ...first, summary: 'x'.repeat(2 * MAX_JSON_ELEMENT_CHARS) }, ...rest];
    const events = await collect(
      parsePartnerFeed(chunked(encoder.encode(JSON.stringify({ ...feed, items })), 65_536), FILE),
    );
    expect(events[0]).toEqual({
      type: 'quarantine',
      entry: expect.objectContaining({ position: 'item 1', reason: expect.stringMatching(/larger than/) }),
    });
    expect(recordsOf(events).length).toBeGreaterThan(0);
  });

  it('CSV: an endless quoted field stops the file after a bounded read', async () => {
    const { bytes, counter } = endless(
      'numero_formation;intitule_formation;code_departement;nom_of\nF1;"',
      'x',
    );
    const events = await collect(parseMcfCsv(bytes(), FILE));
    expect(events.at(-1)?.type).toBe('incomplete');
    expect(counter.bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('the gate quarantines a record with an oversized field by name, and cleans text PostgreSQL cannot store', async () => {
    const csv = [
      'numero_formation;intitule_formation;code_departement;nom_of;points_forts',
      `F1;Soudeur;44;Formatec;${'x'.repeat(MAX_LONG_FIELD_CHARS + 1)}`,
      'F2;Sou\u0000deur;44;Formatec;ok',
    ].join('\n');
    const events = await collect(
      safeEvents(parseMcfCsv(chunked(encoder.encode(csv), 4096), FILE), FILE, 'mcf'),
    );
    expect(events).toEqual([
      {
        type: 'quarantine',
        entry: expect.objectContaining({
          position: 'line 2',
          reason: `content: ${MAX_LONG_FIELD_CHARS + 1} characters, more than the ${MAX_LONG_FIELD_CHARS} allowed`,
        }),
      },
      { type: 'record', record: expect.objectContaining({ sourceId: 'F2:44', title: 'Soudeur' }) },
    ]);
  });

  it('the gate turns a parser that throws into a quarantined, incomplete file', async () => {
    const throwing: Parser = async function* () {
      yield* [];
      throw new Error('boom');
    };
    const events = await collect(safeEvents(throwing(chunked(new Uint8Array(), 1), FILE), FILE, 'lheo'));
    expect(events).toEqual([
      {
        type: 'quarantine',
        entry: expect.objectContaining({
          file: FILE,
          position: 'file',
          reason: expect.stringMatching(/boom/),
        }),
      },
      { type: 'incomplete', reason: expect.stringMatching(/boom/) },
    ]);
  });
});

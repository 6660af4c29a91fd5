import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CatalogueRepository, type Database, openDatabase } from '@reco/db';
import { loadReferentials } from '@reco/referentials';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/catalogue-files';
import { FakeOllamaEmbed } from '../../test/fake-ollama-embed';
import { mutate, mutation } from '../../test/fuzz-mutations';
import { OllamaEmbedder } from '../embedding/ollama-embedder';
import { OllamaCatalogueEmbedding } from './catalogue-embedding';
import { type IngestDependencies, ingest } from './ingest';

/**
 * Nothing from a bad record is silently dropped: fuzzed deliveries in the three formats go
 * through the whole pipeline into PGlite, and every record written is either stored or
 * quarantined with its file and its position (line, item or formation), and the figures add up:
 * records in = stored + quarantined, offers = stored - merged.
 */

const referentials = loadReferentials();

/** Text producers really send, and worse: delimiters, quotes, markup, controls, bad UTF-16, huge. */
const NASTY_UNITS = [
  '"',
  ';',
  '\n',
  '\r\n',
  '<',
  '>',
  '&',
  '{',
  '}',
  ',',
  ':',
  '\\',
  ' ',
  'é',
  '€',
  '\u0000',
  '\u0007',
  '\ufeff',
  '\ud800',
  '\udc00',
];
/** Mostly well-formed values, sometimes bad ones: enough records get through to merge and store. */
function mostly<T>(valid: T[], invalid: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );
}

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_UNITS, 'a', 'b'), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '-', 'x'.repeat(60_000), 'y'.repeat(2_500)) },
);
const title = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Soudeur TIG', 'Aide-soignant', 'Cariste') },
  { weight: 3, arbitrary: text },
);
const numero = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('1', '2', '3', '4', '5', '6') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '—') },
);
const departement = mostly(['44'], ['1', '2A', '75', '20', 'xx', '']);
const postcode = mostly(['44000', '69003'], ['4400x', '']);
const inseeCode = mostly(['44109', '69383'], ['99999', '']);
const lheoDate = mostly(['20270105', '20270630', '00000000', ''], ['20270231', '2027-01-05']);
const decimal = mostly(['', '35', '1 234,5', '12.5'], ['abc', '-3']);

const lheoAction = fc.record({
  numero,
  title,
  objectives: text,
  postcode,
  inseeCode,
  start: lheoDate,
  end: lheoDate,
  hours: decimal,
  modality: mostly(['0', '1', '2', ''], ['7']),
  certified: fc.boolean(),
});
const mcfRow = fc.record({
  numero,
  title,
  departement,
  provider: text,
  siret: mostly(['', '41816609600069'], ['123']),
  rncp: fc.constantFrom('', 'RNCP35830'),
  hours: decimal,
  strengths: text,
});
const mcfJsonValue = fc.oneof(
  { weight: 8, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom(null, 42, true, { nested: 'x' }) },
);
const partnerItem = fc.record({
  ref: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5') },
    { weight: 1, arbitrary: fc.constantFrom('', 5, null) },
  ),
  type: fc.constantFrom('formation', 'atelier', 'evenement', 'conference'),
  title,
  summary: text,
  place: fc.option(fc.record({ postcode, city: text, inseeCode }), { nil: null }),
  online: fc.boolean(),
  start: fc.constantFrom('2027-02-11T09:00:00+01:00', '2027-02-30', 'demain', '2027-03-01'),
  price: fc.constantFrom(0, 120.5, -1, null, 'gratuit'),
});

const delivery = fc.record({
  lheo: fc.array(lheoAction, { maxLength: 8 }),
  mcfCsv: fc.array(mcfRow, { maxLength: 8 }),
  mcfJson: fc.array(fc.record({ row: mcfRow, odd: mcfJsonValue }), { maxLength: 6 }),
  partner: fc.array(partnerItem, { maxLength: 8 }),
});

/** One record as written, with where its parser will say it was and the id it is stored under. */
interface Written {
  file: string;
  at: (position: string) => boolean;
  key: string;
  /** A CSV row of blank fields is a blank line, not a record. */
  blank?: boolean;
}

// XML 1.0 cannot carry these at all: a file holding them is broken as a whole (fuzzed elsewhere).
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML cannot hold
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xml = (value: string) =>
  value
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
// The same training as the Mon Compte Formation rows with this SIRET and RNCP code in the 44: merged.
const CERTIFICATION = '<certification><code-RNCP>35830</code-RNCP></certification>';
const SIRET = '<SIRET-organisme-formation><SIRET>41816609600069</SIRET></SIRET-organisme-formation>';
const csvField = (value: string) => `"${value.replaceAll('"', '""')}"`;

type Delivery = typeof delivery extends fc.Arbitrary<infer T> ? T : never;

function writeDelivery(dir: string, spec: Delivery): Written[] {
  const written: Written[] = [];

  const formations = spec.lheo.map((action, i) => {
    written.push({
      file: 'offres.xml',
      at: (p) => p.startsWith(`formation ${i + 1},`) || p.startsWith(`formation ${i + 1} (`),
      key: `lheo:${action.numero}`,
    });
    return `<formation numero="F${i + 1}"><intitule-formation>${xml(action.title)}</intitule-formation><objectif-formation>${xml(action.objectives)}</objectif-formation>
<action numero="${xml(action.numero)}"><modalites-enseignement>${action.modality}</modalites-enseignement>
<lieu-de-formation><coordonnees><adresse><codepostal>${action.postcode}</codepostal><code-INSEE-commune>${action.inseeCode}</code-INSEE-commune></adresse></coordonnees></lieu-de-formation>
<nombre-heures-total>${xml(action.hours)}</nombre-heures-total><session><periode><debut>${action.start}</debut><fin>${action.end}</fin></periode></session></action>
${action.certified ? CERTIFICATION : ''}<organisme-formation-responsable>${action.certified ? SIRET : ''}<raison-sociale>Organisme</raison-sociale></organisme-formation-responsable></formation>`;
  });
  writeFileSync(
    join(dir, 'offres.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="http://www.lheo.org/2.3"><offres>\n${formations.join('\n')}\n</offres></lheo>\n`,
  );

  const header =
    'numero_formation;intitule_formation;code_departement;nom_of;siret;code_rncp;nombre_heures_total_mean;points_forts';
  let line = 2;
  const rows = spec.mcfCsv.map((row) => {
    const fields = [
      row.numero,
      row.title,
      row.departement,
      row.provider,
      row.siret,
      row.rncp,
      row.hours,
      row.strengths,
    ];
    const at = line;
    const serialised = fields.map(csvField).join(';');
    line += 1 + (serialised.match(/\r\n|\r|\n/g)?.length ?? 0);
    written.push({
      file: 'mcf.csv',
      at: (p) => p === `line ${at}`,
      key: `mcf:${row.numero}:${row.departement}`,
      blank: fields.every((f) => f.trim() === ''),
    });
    return serialised;
  });
  writeFileSync(join(dir, 'mcf.csv'), `\ufeff${header}\n${rows.join('\n')}\n`);

  const items = spec.mcfJson.map(({ row, odd }, i) => {
    written.push({
      file: 'mcf.json',
      at: (p) => p === `item ${i + 1}`,
      key: `mcf:${row.numero}:${row.departement}`,
    });
    return {
      numero_formation: row.numero,
      intitule_formation: row.title,
      code_departement: row.departement,
      nom_of: row.provider,
      siret: row.siret,
      code_rncp: row.rncp,
      points_forts: odd,
    };
  });
  writeFileSync(join(dir, 'mcf.json'), JSON.stringify(items));

  const siret = '24440040400129';
  const feedItems = spec.partner.map((item, i) => {
    written.push({
      file: 'partner.json',
      at: (p) => p === `item ${i + 1}` || p.startsWith(`item ${i + 1} (`),
      key: `partner:${siret}:${item.ref}`,
    });
    return {
      ref: item.ref,
      type: item.type,
      title: item.title,
      summary: item.summary,
      place: item.place,
      online: item.online,
      slots: [{ start: item.start }],
      price: item.price,
    };
  });
  writeFileSync(
    join(dir, 'partner.json'),
    JSON.stringify({
      schemaVersion: 1,
      partner: { name: 'Nantes Métropole', kind: 'collectivite', siret },
      items: feedItems,
    }),
  );
  return written.filter((record) => !record.blank);
}

const FILES = ['offres.xml', 'mcf.csv', 'mcf.json', 'partner.json'];

describe('quarantine accounting through the whole pipeline on PGlite', () => {
  let db: Database;
  let ollama: FakeOllamaEmbed;
  let deps: IngestDependencies;

  beforeAll(async () => {
    db = await openDatabase({});
    ollama = await FakeOllamaEmbed.start();
    deps = {
      catalogue: new CatalogueRepository(db),
      referentials,
      referenceDate: '2026-12-01',
      embedding: new OllamaCatalogueEmbedding(
        new OllamaEmbedder({ baseUrl: ollama.url, model: 'fake-embed', dimensions: ollama.dimensions }),
      ),
    };
  });
  afterAll(async () => {
    await db?.close();
    await ollama?.close();
  });

  async function ingestFresh(paths: string[]) {
    await db.exec(
      'TRUNCATE offer_embeddings, offers, source_records, quarantine, ingest_runs RESTART IDENTITY CASCADE',
    );
    const summary = await ingest(
      deps,
      paths.map((path) => ({ path })),
    );
    const stored = await db.query<{ key: string }>(
      "SELECT source || ':' || source_id AS key FROM source_records",
    );
    const [offers] = await db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM offers WHERE status = 'active'",
    );
    const quarantine = await db.query<{
      file: string;
      source: string | null;
      position: string;
      reason: string;
    }>('SELECT file, source, position, reason FROM quarantine');
    expect(summary.ingested + summary.quarantined).toBe(summary.read);
    expect(summary.updated + summary.unchanged).toBe(0);
    expect(stored).toHaveLength(summary.ingested);
    expect(offers?.count).toBe(summary.ingested - summary.merged);
    expect(quarantine).toHaveLength(summary.quarantined);
    for (const row of quarantine) {
      expect(paths.map((path) => basename(path))).toContain(row.file);
      expect(row.position).toMatch(/^(line \d+|item \d+|formation \d+|feed$|file$)/);
      expect(row.reason.trim()).not.toBe('');
    }
    return { summary, stored: new Set(stored.map((row) => row.key)), quarantine };
  }

  it('every generated record is stored or quarantined at its own file and position (30 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async (spec) => {
        const dir = tempDir();
        const written = writeDelivery(dir, spec);
        const { summary, stored, quarantine } = await ingestFresh(FILES.map((file) => join(dir, file)));

        expect(summary.read).toBe(written.length);
        const kept = written.filter(
          (record) => !quarantine.some((row) => row.file === record.file && record.at(row.position)),
        );
        for (const record of kept) expect(stored).toContain(record.key);
        // Two records kept under one id would mean one of them was silently overwritten.
        expect(kept).toHaveLength(stored.size);
      }),
      { numRuns: 30 },
    );
  });

  it('a record delivered again by a second file of the run is quarantined there, the first one stands', async () => {
    const dir = tempDir();
    const row = (title: string) => `"1";"${title}";"44";"Formatec";"41816609600069";"35";"Plateau technique"`;
    const header =
      'numero_formation;intitule_formation;code_departement;nom_of;siret;nombre_heures_total_mean;points_forts';
    writeFileSync(join(dir, 'a.csv'), `${header}\n${row('Soudeur TIG')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${header}\n${row('Soudeur MIG')}\n`);
    const { summary, stored, quarantine } = await ingestFresh([join(dir, 'a.csv'), join(dir, 'b.csv')]);

    expect(summary).toMatchObject({ read: 2, ingested: 1, quarantined: 1 });
    expect(stored).toEqual(new Set(['mcf:1:44']));
    expect(quarantine).toEqual([
      {
        file: 'b.csv',
        source: 'mcf',
        position: 'line 2',
        reason: 'duplicate id "1:44": already delivered this run in a.csv (line 2)',
      },
    ]);
    const [offer] = await db.query<{ title: string }>('SELECT title FROM offers');
    expect(offer?.title).toBe('Soudeur TIG');
  });

  it('byte-mutated deliveries add up as well: read = stored + quarantined, every row placed (20 runs)', async () => {
    const fixtures = [
      'lheo/anotea-intercarif-data-test.xml',
      'mcf/catalogue.csv',
      'mcf/catalogue.json',
      'partner/feed.json',
    ].map((path) => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url)));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(mutation, { maxLength: 3 }), { minLength: 4, maxLength: 4 }),
        async (edits) => {
          const dir = tempDir();
          const paths = FILES.map((file, i) => {
            const path = join(dir, file);
            writeFileSync(path, mutate(fixtures[i] ?? Buffer.alloc(0), edits[i] ?? []));
            return path;
          });
          await ingestFresh(paths);
        },
      ),
      { numRuns: 20 },
    );
  });
});

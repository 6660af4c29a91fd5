import { readFileSync, writeFileSync } from 'node:fs';
import type { Offer } from '@reco/contracts';
import { CatalogueRepository, type Database } from '@reco/db';
import { loadReferentials } from '@reco/referentials';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LheoFormationSpec,
  type McfRowSpec,
  tempDir,
  writeLheo,
  writeMcfCsv,
  writePartnerFeed,
} from '../../test/catalogue-files';
import { DATABASES } from '../../test/databases';
import type { Embedder } from '../embedding/embedder';
import { BuiltinCatalogueEmbedding, type CatalogueEmbedding } from './catalogue-embedding';
import { ingest } from './ingest';

const referentials = loadReferentials();
const REFERENCE_DATE = '2026-12-01';
const CARE_SIRET = '41816609600069';

const careTraining = (actions = 2): LheoFormationSpec => ({
  numero: 'F-AS-1',
  title: "Diplôme d'État d'aide-soignant",
  objectives: 'Devenir aide-soignant en établissement de santé.',
  rncp: 'RNCP35830',
  certifInfo: '111669',
  formacode: '43436',
  siret: CARE_SIRET,
  provider: 'Institut de formation des Dunes',
  actions: [
    {
      numero: 'AC-AS-NANTES',
      inseeCode: '44109',
      postcode: '44000',
      city: 'Nantes',
      lat: 47.2172,
      lon: -1.5534,
      sessions: [['20270105', '20270630']] as [string, string][],
    },
    {
      numero: 'AC-AS-HERBLAIN',
      inseeCode: '44162',
      postcode: '44800',
      city: 'Saint-Herblain',
      lat: 47,
      lon: -2,
      sessions: [['20270301', '20271015']] as [string, string][],
    },
  ].slice(0, actions),
});

const forkliftTraining: LheoFormationSpec = {
  numero: 'F-CARISTE-1',
  title: "Titre professionnel cariste d'entrepôt",
  objectives: 'Conduire des chariots en sécurité.',
  rncp: 'RNCP34857',
  formacode: '31768',
  siret: '52339281400019',
  provider: 'Logistique Formation Rhône',
  actions: [
    {
      numero: 'AC-CARISTE-LYON',
      inseeCode: '69383',
      postcode: '69003',
      city: 'Lyon',
      sessions: [['20240108', '20240301']],
    },
  ],
};

const careInMcf: McfRowSpec = {
  provider: 'INSTITUT DE FORMATION DES DUNES',
  siret: CARE_SIRET,
  rncp: 'RNCP35830',
  certifInfo: '111669',
  certification: "Diplôme d'État d'aide-soignant",
  formacode: '43436',
  numero: '41816609600069_AS',
  title: 'Diplôme d’État d’aide-soignant (DEAS)',
  departement: '44',
  hours: '1540',
  fees: '6200',
};

const webInMcf: McfRowSpec = {
  provider: 'Code Academy Ain',
  siret: '80295478500027',
  rncp: 'RNCP31114',
  certifInfo: '100809',
  certification: 'Titre professionnel développeur web et web mobile',
  formacode: '46207',
  numero: '80295478500027_DWWM',
  title: 'Développeur web et web mobile',
  departement: '1',
  hours: '700,5',
  fees: '',
};

/** The real built-in embedder, counting the texts it is asked to embed. */
class CountingEmbedding implements CatalogueEmbedding {
  embeddedTexts = 0;
  constructor(private readonly inner: CatalogueEmbedding) {}
  async prepare(corpus: () => Promise<string[]>): Promise<Embedder> {
    const embedder = await this.inner.prepare(corpus);
    return {
      modelId: embedder.modelId,
      dimensions: embedder.dimensions,
      embed: async (texts) => {
        this.embeddedTexts += texts.length;
        return embedder.embed(texts);
      },
    };
  }
}

describe.each(DATABASES)('ingestion pipeline on %s', (_name, openDatabase) => {
  let db: Database;
  let catalogue: CatalogueRepository;
  let embedding: CountingEmbedding;
  let dir: string;

  const run = (files: string[], options?: { partial?: boolean }) =>
    ingest(
      { catalogue, referentials, embedding, referenceDate: REFERENCE_DATE },
      files.map((path) => ({ path })),
      options,
    );
  const offer = async (id: string) =>
    (await db.query<{ doc: Offer; status: string }>('SELECT doc, status FROM offers WHERE id = $1', [id]))[0];

  beforeEach(async () => {
    db = await openDatabase();
    catalogue = new CatalogueRepository(db);
    embedding = new CountingEmbedding(new BuiltinCatalogueEmbedding(catalogue, { dimensions: 32 }));
    dir = tempDir();
  });
  afterEach(() => db.close());

  function writeCatalogue() {
    return [
      writeLheo(dir, 'offres.xml', [careTraining(), forkliftTraining]),
      writeMcfCsv(dir, 'mcf.csv', [careInMcf, webInMcf, 'trop;peu;de;colonnes']),
      writePartnerFeed(
        dir,
        'partenaire.json',
        { name: 'Nantes Métropole', siret: '24440040400129', kind: 'collectivite' },
        [
          {
            ref: 'NM-1',
            type: 'evenement',
            title: 'Forum de l’emploi de la logistique',
            summary: 'Rencontre avec 30 entreprises qui recrutent.',
            romeCodes: ['N1103'],
            place: { postcode: '44300', city: 'Nantes', inseeCode: '44109', lat: 47.25, lon: -1.52 },
            start: '2027-02-11T09:00:00+01:00',
            end: '2027-02-11T17:00:00+01:00',
          },
          {
            ref: 'NM-2',
            type: 'atelier',
            title: 'Atelier CV en ligne',
            summary: 'Refaire son CV avec un conseiller.',
            place: null,
            start: '2027-01-12T14:00:00+01:00',
            end: '2027-01-12T16:00:00+01:00',
          },
        ],
      ),
    ];
  }

  it('harmonises the three formats into one catalogue, merges a training published twice, quarantines the bad row', async () => {
    const summary = await run(writeCatalogue());

    expect(summary).toMatchObject({
      read: 8,
      ingested: 7,
      updated: 0,
      unchanged: 0,
      merged: 1,
      retired: 0,
      quarantined: 1,
    });
    expect(await catalogue.countActiveOffers()).toBe(6);

    const merged = await offer('lheo:AC-AS-HERBLAIN');
    expect(merged?.doc.sources).toEqual([
      { source: 'lheo', sourceId: 'AC-AS-HERBLAIN' },
      { source: 'mcf', sourceId: '41816609600069_AS:44' },
    ]);
    expect(merged?.doc.qualityFlags).toContain('merged_across_producers');
    // Whole-degree coordinates are not a point: the commune's are used instead.
    expect(merged?.doc.location).toMatchObject({ precision: 'commune', inseeCode: '44162' });
    expect(merged?.doc.location.lat).toBeCloseTo(47.22, 1);
    expect(await offer('mcf:41816609600069_AS:44')).toBeUndefined();

    const web = await offer('mcf:80295478500027_DWWM:1');
    expect(web?.doc.location).toMatchObject({ precision: 'departement', departement: '01' });
    expect(web?.doc.romeCodes).toContain('M1805');
    expect(web?.doc.durationHours).toBe(700.5);

    const forklift = await offer('lheo:AC-CARISTE-LYON');
    expect(forklift?.doc.romeCodes).toEqual(['N1101']);
    expect(forklift?.doc.sessions).toEqual([{ start: '2024-01-08', end: '2024-03-01', expired: true }]);
    expect(forklift?.doc.qualityFlags).toEqual(
      expect.arrayContaining(['all_sessions_expired', 'coordinates_from_commune']),
    );

    expect((await offer('partner:24440040400129:NM-1'))?.doc.kind).toBe('event');
    expect((await offer('partner:24440040400129:NM-2'))?.doc.location.precision).toBe('online');

    const stored = JSON.stringify(await db.query('SELECT record FROM source_records'));
    expect(stored).not.toMatch(/06 12 34 56 78|marie\.dupont|Dupont/);

    const [quarantined] = await db.query<{ file: string; position: string }>(
      'SELECT file, position FROM quarantine',
    );
    expect(quarantined).toMatchObject({ file: 'mcf.csv', position: 'line 4' });
    const embedded = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offer_embeddings');
    expect(embedded[0]?.n).toBe(6);

    const report = await catalogue.qualityReport();
    expect(report.sources.map((source) => [source.source, source.active])).toEqual([
      ['lheo', 3],
      ['mcf', 2],
      ['partner', 2],
    ]);
    expect(report.sources.find((source) => source.source === 'mcf')?.precision).toEqual({ departement: 2 });
    expect(report.quarantined).toEqual([
      { source: 'mcf', file: 'mcf.csv', reason: '… fields where the header has …', count: 1 },
    ]);
  });

  it('re-ingests an unchanged delivery without writing or embedding anything', async () => {
    const files = writeCatalogue();
    await run(files);
    const embeddedAfterFirstRun = embedding.embeddedTexts;

    const summary = await run(files);

    expect(summary).toMatchObject({ read: 8, ingested: 0, updated: 0, unchanged: 7, merged: 0, retired: 0 });
    expect(embedding.embeddedTexts).toBe(embeddedAfterFirstRun);
  });

  it('rewrites the searchable text of every offer, embedding nothing, when it is now built differently', async () => {
    const files = writeCatalogue();
    await run(files);
    const embeddedAfterFirstRun = embedding.embeddedTexts;
    const current = await db.query<{ id: string; body: string }>('SELECT id, body FROM offers ORDER BY id');
    // What a catalogue ingested by an earlier version of the code holds.
    await db.exec(
      "UPDATE offers SET body = 'texte d’une version précédente'; UPDATE ingest_runs SET offer_text_version = NULL",
    );

    const summary = await run(files);

    expect(summary).toMatchObject({ ingested: 0, updated: 0, unchanged: 7 });
    expect(await db.query('SELECT id, body FROM offers ORDER BY id')).toEqual(current);
    expect(embedding.embeddedTexts).toBe(embeddedAfterFirstRun);
    await db.exec("UPDATE offers SET body = 'texte d’une version précédente'");
    await run(files);
    expect(await db.query('SELECT DISTINCT body FROM offers')).toEqual([
      { body: 'texte d’une version précédente' },
    ]);
  });

  it('updates and re-embeds only the offer whose record changed', async () => {
    const files = writeCatalogue();
    await run(files);
    const before = embedding.embeddedTexts;
    const changed = careTraining();
    changed.objectives = 'Devenir aide-soignant en EHPAD et à domicile.';
    writeLheo(dir, 'offres.xml', [changed, forkliftTraining]);

    const summary = await run(files);

    expect(summary).toMatchObject({ updated: 2, unchanged: 5, ingested: 0 });
    expect(embedding.embeddedTexts - before).toBe(2);
    expect((await offer('lheo:AC-AS-NANTES'))?.doc.objectives).toContain('EHPAD');
  });

  it('retires a record missing from a full re-delivery, keeps it traceable, and revives it when it returns', async () => {
    const files = writeCatalogue();
    await run(files);
    writeLheo(dir, 'offres.xml', [careTraining(1), forkliftTraining]);

    const summary = await run(files);

    expect(summary.retired).toBe(1);
    const retired = await offer('lheo:AC-AS-HERBLAIN');
    expect(retired?.status).toBe('retired');
    expect(retired?.doc.title).toBe("Diplôme d'État d'aide-soignant");
    // The MCF record of the same training now joins the remaining LHEO action of its département.
    expect((await offer('lheo:AC-AS-NANTES'))?.doc.sources.map((s) => s.source)).toEqual(['lheo', 'mcf']);
    const [record] = await db.query<{ status: string }>(
      "SELECT status FROM source_records WHERE source = 'lheo' AND source_id = 'AC-AS-HERBLAIN'",
    );
    expect(record?.status).toBe('retired');

    writeLheo(dir, 'offres.xml', [careTraining(), forkliftTraining]);
    await run(files);
    expect((await offer('lheo:AC-AS-HERBLAIN'))?.status).toBe('active');
  });

  it('retires nothing for a partial delivery nor for a truncated file', async () => {
    const files = writeCatalogue();
    await run(files);
    const lheo = writeLheo(dir, 'offres.xml', [careTraining(1), forkliftTraining]);

    expect((await run([lheo], { partial: true })).retired).toBe(0);

    const full = readFileSync(lheo, 'utf8');
    writeFileSync(lheo, full.slice(0, full.indexOf('F-CARISTE-1') + 40));
    const truncated = await run([lheo]);
    expect(truncated.retired).toBe(0);
    expect(truncated.quarantined).toBeGreaterThanOrEqual(1);
    expect((await offer('lheo:AC-CARISTE-LYON'))?.status).toBe('active');
  });
});

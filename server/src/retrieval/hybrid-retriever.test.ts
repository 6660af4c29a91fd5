import type { JobseekerProfile } from '@reco/contracts';
import { CatalogueRepository, CatalogueSearch, type Database } from '@reco/db';
import { BuiltinCatalogueEmbedding, ingest } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../db/test/test-databases';
import {
  type LheoFormationSpec,
  type McfRowSpec,
  tempDir,
  writeLheo,
  writeMcfCsv,
  writePartnerFeed,
} from '../../../ingestion/test/catalogue-files';
import { HybridRetriever, type RetrievalRequest, UnknownCommuneError } from './hybrid-retriever';
import { JobTitleResolver } from './job-title-resolver';

const referentials = loadReferentials();
const REFERENCE_DATE = '2026-12-01';

const VILLEURBANNE = { inseeCode: '69266', postcode: '69100', city: 'Villeurbanne' };
const LYON_3E = { inseeCode: '69383', postcode: '69003', city: 'Lyon' };
const VIENNE = { inseeCode: '38544', postcode: '38200', city: 'Vienne' };
const GRENOBLE = { inseeCode: '38185', postcode: '38000', city: 'Grenoble' };

const training = (
  numero: string,
  spec: Pick<LheoFormationSpec, 'title' | 'objectives' | 'rncp' | 'formacode'>,
  place: typeof LYON_3E,
  options: { sessions?: [string, string][]; price?: number; siret?: string } = {},
): LheoFormationSpec => ({
  numero: `F-${numero}`,
  ...spec,
  siret: options.siret ?? '52339281400011',
  provider: `Organisme ${numero}`,
  actions: [
    {
      numero,
      ...place,
      sessions: options.sessions ?? [
        ['20270111', '20270326'],
        ['20270503', '20270716'],
      ],
      hours: 280,
      price: options.price ?? 2500,
    },
  ],
});

const FORKLIFT = {
  title: "Titre professionnel cariste d'entrepôt",
  objectives: 'Conduire des chariots élévateurs en sécurité, charger et décharger des camions.',
  rncp: 'RNCP34857',
  formacode: '31768',
};
const ORDER_PICKING = {
  title: 'Titre professionnel préparateur de commandes en entrepôt',
  objectives: 'Préparer des commandes, utiliser un terminal de lecture et un transpalette.',
  rncp: 'RNCP34860',
  formacode: '31743',
};
const CARE = {
  title: "Diplôme d'État d'aide-soignant",
  objectives: 'Accompagner les patients dans les gestes de la vie quotidienne et réaliser des soins.',
  rncp: 'RNCP35830',
  formacode: '43436',
};
const BAKERY = {
  title: 'CAP boulanger',
  objectives: 'Pétrir, façonner et cuire le pain et les viennoiseries.',
  rncp: 'RNCP37537',
  formacode: '21538',
};
const WEB = {
  title: 'Titre professionnel développeur web et web mobile',
  objectives: 'Développer des applications web et mobiles, maquetter des interfaces.',
  rncp: 'RNCP37674',
  formacode: '31090',
};

const mcf = (
  numero: string,
  certification: string,
  rncp: string,
  departement: string,
  more: Partial<McfRowSpec>,
) => ({
  provider: `Organisme MCF ${numero}`,
  siret: '80295478500028',
  rncp,
  certifInfo: '',
  certification,
  formacode: '43436',
  numero,
  title: certification,
  departement,
  hours: '700',
  fees: '',
  ...more,
});

/** Offer ids, as the ingestion names them. */
const ID = {
  forkliftVilleurbanne: 'lheo:CARISTE-VILLEURBANNE',
  forkliftGrenoble: 'lheo:CARISTE-GRENOBLE',
  forkliftExpired: 'lheo:CARISTE-2024',
  orderPickingVienne: 'lheo:PREPA-VIENNE',
  careLyon: 'lheo:AS-LYON',
  bakeryLyon: 'lheo:BOULANGER-LYON',
  webLyon: 'lheo:WEB-LYON',
  careRhone: 'mcf:AS-69:69',
  forkliftLoireAtlantique: 'mcf:CARISTE-44:44',
  webRemote: 'mcf:WEB-DISTANCE:44',
  cvWorkshopOnline: 'partner:24440040400129:ATELIER-CV',
  logisticsForumLyon: 'partner:24440040400129:FORUM-LOGISTIQUE',
};

function writeCatalogue(dir: string): string[] {
  return [
    writeLheo(dir, 'offres.xml', [
      training('CARISTE-VILLEURBANNE', FORKLIFT, VILLEURBANNE),
      training('CARISTE-GRENOBLE', FORKLIFT, GRENOBLE, { siret: '41816609600069' }),
      training('CARISTE-2024', FORKLIFT, LYON_3E, { sessions: [['20240108', '20240301']] }),
      training('PREPA-VIENNE', ORDER_PICKING, VIENNE, { price: 2800 }),
      training('AS-LYON', CARE, LYON_3E, { price: 6200 }),
      training('BOULANGER-LYON', BAKERY, LYON_3E, { price: 3100 }),
      training('WEB-LYON', WEB, LYON_3E, { price: 5400 }),
    ]),
    writeMcfCsv(dir, 'mcf.csv', [
      mcf('AS-69', "Diplôme d'État d'aide-soignant", 'RNCP35830', '69', { fees: '5900' }),
      mcf('CARISTE-44', "Cariste d'entrepôt", 'RNCP34857', '44', { fees: '2000', formacode: '31768' }),
      mcf('WEB-DISTANCE', 'Développeur web et web mobile', 'RNCP31114', '44', {
        formacode: '46207',
        remoteSessions: 2,
      }),
    ]),
    writePartnerFeed(
      dir,
      'partenaire.json',
      { name: 'Partenaire', siret: '24440040400129', kind: 'association' },
      [
        {
          ref: 'ATELIER-CV',
          type: 'atelier',
          title: 'Atelier CV en ligne',
          summary: 'Refaire son CV avec un conseiller.',
          place: null,
          start: '2027-01-12T14:00:00+01:00',
          end: '2027-01-12T16:00:00+01:00',
        },
        {
          ref: 'FORUM-LOGISTIQUE',
          type: 'evenement',
          title: 'Forum des métiers de la logistique',
          summary: 'Rencontrer des entreprises qui recrutent des caristes et des préparateurs de commandes.',
          romeCodes: ['N1101', 'N1103'],
          place: { ...LYON_3E, lat: 45.7597, lon: 4.8422 },
          start: '2027-02-11T09:00:00+01:00',
          end: '2027-02-11T17:00:00+01:00',
        },
      ],
    ),
  ];
}

describe('hybrid retrieval over an ingested catalogue', () => {
  let db: Database;
  let retriever: HybridRetriever;

  beforeAll(async () => {
    db = await openTestDatabase();
    const catalogue = new CatalogueRepository(db);
    const embedding = new BuiltinCatalogueEmbedding(catalogue);
    const dir = tempDir();
    await ingest(
      { catalogue, referentials, embedding, referenceDate: REFERENCE_DATE },
      writeCatalogue(dir).map((path) => ({ path })),
    );
    const embedder = await embedding.load();
    if (!embedder) throw new Error('the ingestion fitted no embedding model');
    retriever = new HybridRetriever({
      search: new CatalogueSearch(db),
      embedder,
      referentials,
      resolver: JobTitleResolver.fromReferentials(referentials),
    });
  });
  afterAll(() => db.close());

  const request = (
    profile: Partial<JobseekerProfile>,
    text = 'Quelle formation lui proposer ?',
  ): RetrievalRequest => ({
    profile: { location: { inseeCode: LYON_3E.inseeCode }, mobilityKm: 30, ...profile },
    text,
    referenceDate: REFERENCE_DATE,
  });
  const ids = async (profile: Partial<JobseekerProfile>, text?: string) =>
    (await retriever.retrieve(request(profile, text))).candidates
      .map((candidate) => candidate.offer.id)
      .sort();

  it('ranks the training for the target job first, and explains what matched', async () => {
    const result = await retriever.retrieve(
      request(
        { targetJobs: [{ romeCode: 'N1101' }], skills: ['Conduite de chariots élévateurs'] },
        'Il veut se former rapidement pour travailler en entrepôt.',
      ),
    );
    expect(result.resolvedJobs).toEqual([{ romeCode: 'N1101', label: 'Cariste', via: 'code' }]);
    const [first] = result.candidates;
    expect(first?.offer.id).toBe(ID.forkliftVilleurbanne);
    expect(first?.ranks.rome).toBe(1);
    expect(first?.facts).toMatchObject({
      distanceKm: 2.4,
      locationPrecision: 'commune',
      nextSessionStart: '2027-01-11',
      nextSessionEnd: '2027-03-26',
      costEur: 2500,
      cpf: true,
      matchedRomeCodes: [{ code: 'N1101', label: 'Cariste' }],
      matchedJobTitle: 'Cariste',
      matchedSkills: ['Conduite de chariots élévateurs'],
    });
    const scores = result.candidates.map((candidate) => candidate.fusedScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('keeps nearby, current offers and what is followed remotely; leaves out the rest', async () => {
    expect(await ids({ targetJobs: [{ romeCode: 'N1101' }] })).toEqual(
      [
        ID.forkliftVilleurbanne,
        ID.orderPickingVienne,
        ID.careLyon,
        ID.bakeryLyon,
        ID.webLyon,
        ID.careRhone,
        ID.webRemote,
        ID.cvWorkshopOnline,
        ID.logisticsForumLyon,
      ].sort(),
    );
  });

  it('reaches a training 92 km away only when the jobseeker can travel that far', async () => {
    expect(await ids({ mobilityKm: 30 })).not.toContain(ID.forkliftGrenoble);
    expect(await ids({ mobilityKm: 150 })).toContain(ID.forkliftGrenoble);
    // A training somewhere in Loire-Atlantique is not within 150 km of Lyon, whatever its centre.
    expect(await ids({ mobilityKm: 150 })).not.toContain(ID.forkliftLoireAtlantique);
  });

  it('applies the profile: cost, CPF, attendance, availability', async () => {
    const affordable = await ids({ maxCostEur: 3000 });
    expect(affordable).not.toContain(ID.careLyon);
    expect(affordable).not.toContain(ID.webLyon);
    expect(affordable).toContain(ID.webRemote); // its cost is unknown: kept, the counsellor checks

    const cpf = await ids({ cpfOnly: true });
    expect(cpf).not.toContain(ID.cvWorkshopOnline);
    expect(cpf).not.toContain(ID.logisticsForumLyon);

    const inPerson = await ids({ modality: 'in_person' });
    expect(inPerson).not.toContain(ID.cvWorkshopOnline);
    expect(inPerson).not.toContain(ID.webRemote);
    expect(await ids({ modality: 'remote' })).toEqual([ID.webRemote, ID.cvWorkshopOnline].sort());

    // The workshop is on 12 January, the forum on 11 February; trainings run until July.
    const fromMarch = await ids({ availableFrom: '2027-03-01' });
    expect(fromMarch).not.toContain(ID.cvWorkshopOnline);
    expect(fromMarch).not.toContain(ID.logisticsForumLyon);
    expect(fromMarch).toContain(ID.forkliftVilleurbanne);
  });

  it('reports an offer known only by its département with the distance to its centre', async () => {
    const result = await retriever.retrieve(
      request({ targetJobs: [{ label: 'aide soignante' }], maxCostEur: 6000 }),
    );
    expect(result.resolvedJobs).toEqual([
      {
        romeCode: 'J1501',
        label: 'Aide-soignant / Aide-soignante',
        via: 'title',
        title: 'Aide-soignant / Aide-soignante',
      },
    ]);
    const [first] = result.candidates;
    expect(first?.offer.id).toBe(ID.careRhone);
    expect(first?.facts).toMatchObject({ locationPrecision: 'departement', distanceKm: 4.7 });
    expect(first?.facts.matchedJobTitle).toBe('Aide-soignant / Aide-soignante');
  });

  it('finds the forklift training from a free-text request that names the job', async () => {
    const result = await retriever.retrieve(
      request({}, 'Reconversion vers la logistique : il souhaite devenir cariste près de Lyon.'),
    );
    expect(result.resolvedJobs).toEqual([
      { romeCode: 'N1101', label: 'Cariste', via: 'text', title: 'Cariste' },
    ]);
    // The logistics forum (an event for the same job) may come first; the training leads the trainings.
    const trainings = result.candidates.filter((candidate) => candidate.offer.kind === 'training');
    expect(trainings[0]?.offer.id).toBe(ID.forkliftVilleurbanne);
    expect(trainings[0]?.ranks).toMatchObject({ rome: 1, fullText: 1 });
    expect(result.candidates.slice(0, 2).map((candidate) => candidate.offer.id)).toContain(
      ID.forkliftVilleurbanne,
    );
  });

  it('gives single-list baselines under the same filters', async () => {
    const profile = { targetJobs: [{ label: 'boulanger' }], mobilityKm: 30 };
    const vector = await retriever.retrieveVectorOnly(request(profile, 'Devenir boulanger'));
    const fullText = await retriever.retrieveFullTextOnly(request(profile, 'Devenir boulanger'));
    expect(fullText.candidates.map((candidate) => candidate.offer.id)).toEqual([ID.bakeryLyon]);
    expect(fullText.candidates[0]?.ranks).toEqual({ fullText: 1 });
    const vectorIds = vector.candidates.map((candidate) => candidate.offer.id);
    expect(vectorIds).toContain(ID.bakeryLyon);
    expect(vectorIds).not.toContain(ID.forkliftGrenoble);
    expect(vectorIds).not.toContain(ID.forkliftExpired);
    expect(vector.candidates.every((candidate) => Object.keys(candidate.ranks).join() === 'vector')).toBe(
      true,
    );
  });

  it('treats SQL in the request as words', async () => {
    const result = await retriever.retrieve(request({}, "'; DROP TABLE offers; --"));
    expect(result.resolvedJobs).toEqual([]);
    const [row] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM offers WHERE status = 'active'",
    );
    expect(row?.n).toBe(12);
  });

  it('refuses a commune it cannot place', async () => {
    await expect(retriever.retrieve(request({ location: { postcode: '99999' } }))).rejects.toBeInstanceOf(
      UnknownCommuneError,
    );
  });
});

import type { Offer } from '@reco/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueRepository, vectorIndexName } from './catalogue-repository';
import { CatalogueSearch, type SearchFilters } from './catalogue-search';
import type { Database } from './database';
import { openDatabase } from './open-database';

const MODEL = 'test-model/search';
const DIMENSIONS = 4;
const LYON_3E = { lat: 45.75336, lon: 4.86919, departement: '69' };
const REFERENCE_DATE = '2026-12-01';

type Place = Pick<Offer['location'], 'precision' | 'lat' | 'lon' | 'departement'>;
const VILLEURBANNE: Place = { precision: 'point', lat: 45.77077, lon: 4.88846, departement: '69' };
const GRENOBLE: Place = { precision: 'commune', lat: 45.18212, lon: 5.72133, departement: '38' };
// Centres of départements, as the harmoniser places offers known only by their département.
const RHONE: Place = { precision: 'departement', lat: 45.77242, lon: 4.81445, departement: '69' };
const ISERE: Place = { precision: 'departement', lat: 45.34753, lon: 5.49333, departement: '38' };
const LOIRE_ATLANTIQUE: Place = { precision: 'departement', lat: 47.26983, lon: -1.69454, departement: '44' };
const ONLINE: Place = { precision: 'online' };

interface Spec {
  id: string;
  title: string;
  place: Place;
  romeCodes?: string[];
  kind?: Offer['kind'];
  modality?: Offer['modality'];
  cpf?: boolean;
  costEur?: number;
  lastSessionEnd?: string | null;
  objectives?: string;
  /** The direction of its vector: offers of one domain point the same way. */
  vector?: number[];
}

const LOGISTICS = [1, 0.1, 0, 0];
const CARE = [0, 1, 0.1, 0];
const WEB = [0, 0, 1, 0.1];

const SPECS: Spec[] = [
  { id: 'cariste-villeurbanne', title: "Cariste d'entrepôt", place: VILLEURBANNE, romeCodes: ['N1101'] },
  { id: 'cariste-grenoble', title: 'Conduite de chariots élévateurs', place: GRENOBLE, romeCodes: ['N1101'] },
  {
    id: 'magasinier-villeurbanne',
    title: 'Agent magasinier',
    place: VILLEURBANNE,
    romeCodes: ['N1103', 'N1101'],
  },
  { id: 'cariste-expired', title: 'Cariste expérimenté', place: VILLEURBANNE, lastSessionEnd: '2024-03-01' },
  {
    id: 'cariste-january',
    title: 'Cariste, session de janvier',
    place: VILLEURBANNE,
    lastSessionEnd: '2027-01-15',
  },
  {
    id: 'cariste-no-dates',
    title: 'Cariste, entrées permanentes',
    place: VILLEURBANNE,
    lastSessionEnd: null,
  },
  { id: 'cariste-pricey', title: 'Cariste premium', place: VILLEURBANNE, costEur: 6000 },
  { id: 'cariste-unknown-cost', title: 'Cariste solidaire', place: VILLEURBANNE, costEur: undefined },
  { id: 'cariste-not-cpf', title: 'Cariste en alternance', place: VILLEURBANNE, cpf: false },
  { id: 'cariste-blended', title: 'Cariste, cours du soir', place: VILLEURBANNE, modality: 'blended' },
  {
    id: 'atelier-en-ligne',
    title: 'Atelier CV en ligne',
    place: ONLINE,
    kind: 'workshop',
    modality: 'remote',
    cpf: false,
    costEur: 0,
  },
  { id: 'web-distance-44', title: 'Développeur web à distance', place: LOIRE_ATLANTIQUE, modality: 'remote' },
  { id: 'soins-rhone', title: "Diplôme d'État d'aide-soignant", place: RHONE, romeCodes: ['J1501'] },
  { id: 'soins-isere', title: 'Aide-soignant en Isère', place: ISERE, romeCodes: ['J1501'] },
  { id: 'soins-44', title: 'Aide-soignant à Nantes', place: LOIRE_ATLANTIQUE, romeCodes: ['J1501'] },
  { id: 'cariste-retired', title: 'Cariste retiré', place: VILLEURBANNE },
  {
    id: 'vente-villeurbanne',
    title: 'Vendeur conseil en magasin',
    objectives: 'Techniques de vente, conseil et vente en magasin.',
    place: VILLEURBANNE,
  },
];

const vectorOf = (spec: Spec): number[] =>
  spec.vector ??
  (spec.id.startsWith('soins')
    ? CARE
    : spec.id.startsWith('web') || spec.id.startsWith('atelier')
      ? WEB
      : LOGISTICS);

function offerOf(spec: Spec): Offer {
  return {
    id: spec.id,
    kind: spec.kind ?? 'training',
    title: spec.title,
    objectives: spec.objectives ?? `${spec.title} : objectifs et débouchés.`,
    provider: { name: 'Organisme de test' },
    formacodes: [],
    romeCodes: spec.romeCodes ?? [],
    nsfCodes: [],
    location: spec.place,
    sessions: [],
    ...('costEur' in spec
      ? spec.costEur === undefined
        ? {}
        : { costEur: spec.costEur }
      : { costEur: 2500 }),
    funding: { cpf: spec.cpf ?? true },
    modality: spec.modality ?? 'in_person',
    sources: [{ source: 'lheo', sourceId: spec.id }],
    qualityFlags: [],
    contentHash: spec.id,
  };
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
const towards = (direction: number[]) => Float32Array.from(direction);

describe('catalogue search on the embedded PostgreSQL', () => {
  let db: Database;
  let search: CatalogueSearch;

  beforeAll(async () => {
    db = await openDatabase({});
    const catalogue = new CatalogueRepository(db);
    const runId = await catalogue.startRun([]);
    await catalogue.upsertOffers(
      runId,
      SPECS.map((spec) => ({
        offer: offerOf(spec),
        body: offerOf(spec).objectives ?? '',
        embedTextHash: spec.id,
        lastSessionEnd: spec.lastSessionEnd === undefined ? '2027-06-30' : spec.lastSessionEnd,
      })),
    );
    await catalogue.retireOffers(['cariste-retired']);
    await catalogue.saveEmbeddings(
      MODEL,
      SPECS.map((spec) => ({ offerId: spec.id, textHash: spec.id, vector: towards(vectorOf(spec)) })),
    );
    await catalogue.ensureVectorIndex(MODEL, DIMENSIONS);
    search = new CatalogueSearch(db);
  });
  afterAll(() => db.close());

  const near = (radiusKm: number, more: Partial<SearchFilters> = {}): SearchFilters => ({
    referenceDate: REFERENCE_DATE,
    area: { origin: LYON_3E, radiusKm },
    ...more,
  });
  const eligible = async (filters: SearchFilters) =>
    ids(await search.vectorCandidates(MODEL, DIMENSIONS, towards(LOGISTICS), filters, 100));

  it('keeps what is within reach: nearby places, its own département, anything remote', async () => {
    expect(await eligible(near(30))).toEqual([
      'atelier-en-ligne',
      'cariste-blended',
      'cariste-january',
      'cariste-no-dates',
      'cariste-not-cpf',
      'cariste-pricey',
      'cariste-unknown-cost',
      'cariste-villeurbanne',
      'magasinier-villeurbanne',
      'soins-rhone',
      'vente-villeurbanne',
      'web-distance-44',
    ]);
  });

  it('leaves out a place 95 km away at 30 km, and keeps it at 150 km', async () => {
    expect(await eligible(near(30))).not.toContain('cariste-grenoble');
    expect(await eligible(near(150))).toContain('cariste-grenoble');
  });

  it('keeps an offer known only by its département when its centre is within the radius plus a margin', async () => {
    // The centre of Isère is 66 km from Lyon 3e: beyond 30 + 25 km, within 50 + 25 km.
    expect(await eligible(near(30))).not.toContain('soins-isere');
    expect(await eligible(near(50))).toContain('soins-isere');
    // A training somewhere in Loire-Atlantique is never "near" Lyon.
    expect(await eligible(near(300))).not.toContain('soins-44');
  });

  it('reports the distance to the place, to the centre of a département, and none online', async () => {
    const rows = await search.vectorCandidates(MODEL, DIMENSIONS, towards(CARE), near(50), 100);
    const distance = (id: string) => rows.find((row) => row.id === id)?.distanceKm;
    expect(distance('cariste-villeurbanne')).toBeCloseTo(2.5, 0);
    expect(distance('soins-isere')).toBeCloseTo(66, 0);
    expect(distance('atelier-en-ligne')).toBeNull();
  });

  it('leaves out offers whose sessions are over, or over before the jobseeker is available', async () => {
    expect(await eligible(near(30))).not.toContain('cariste-expired');
    const fromFebruary = await eligible(near(30, { availableFrom: '2027-02-01' }));
    expect(fromFebruary).not.toContain('cariste-january');
    expect(fromFebruary).toContain('cariste-no-dates');
  });

  it('filters on modality, cost, CPF and kind', async () => {
    const inPerson = await eligible(near(30, { modality: 'in_person' }));
    expect(inPerson).toContain('cariste-blended');
    expect(inPerson).not.toContain('atelier-en-ligne');
    expect(inPerson).not.toContain('web-distance-44');

    expect(await eligible(near(30, { modality: 'remote' }))).toEqual([
      'atelier-en-ligne',
      'cariste-blended',
      'web-distance-44',
    ]);

    const affordable = await eligible(near(30, { maxCostEur: 3000 }));
    expect(affordable).not.toContain('cariste-pricey');
    expect(affordable).toContain('cariste-unknown-cost');

    const cpf = await eligible(near(30, { cpfOnly: true }));
    expect(cpf).not.toContain('cariste-not-cpf');
    expect(cpf).not.toContain('atelier-en-ligne');

    expect(await eligible(near(30, { kinds: ['workshop'] }))).toEqual(['atelier-en-ligne']);
  });

  it('never returns a retired offer', async () => {
    expect(await eligible({ referenceDate: REFERENCE_DATE })).not.toContain('cariste-retired');
  });

  it('orders vector candidates by similarity', async () => {
    const rows = await search.vectorCandidates(MODEL, DIMENSIONS, towards(CARE), near(50), 3);
    expect(ids(rows.slice(0, 2))).toEqual(['soins-isere', 'soins-rhone']);
    expect(rows[0]?.score).toBeCloseTo(1, 5);
    expect(rows.map((row) => row.score)).toEqual([...rows.map((row) => row.score)].sort((a, b) => b - a));
  });

  it('finds by full text a long request without requiring each of its words', async () => {
    const rows = await search.fullTextCandidates(
      "La personne souhaite devenir cariste près de Lyon, elle a le permis B et de l'expérience en entrepôt",
      near(30),
      10,
    );
    expect(rows[0]?.id).toBe('cariste-villeurbanne');
    expect(ids(rows)).toContain('cariste-no-dates');
    expect(ids(rows)).not.toContain('soins-rhone');
  });

  it('favours the job sought over what the jobseeker did before', async () => {
    const text = 'Dix ans dans la vente en magasin, elle veut devenir cariste';
    const withoutFocus = await search.fullTextCandidates(text, near(30), 10);
    expect(withoutFocus[0]?.id).toBe('vente-villeurbanne');
    const withFocus = await search.fullTextCandidates(text, near(30), 10, 'Cariste');
    expect(withFocus[0]?.offer.title).toMatch(/^Cariste/);
    expect(withFocus.findIndex((row) => row.id === 'vente-villeurbanne')).toBeGreaterThan(0);
  });

  it('treats quotes, backslashes and SQL in the text as words', async () => {
    for (const text of ["'; DROP TABLE offers; --", "l'entrepôt C:\\chariots\\ 'a''b \\' & | ! <->", '']) {
      await expect(search.fullTextCandidates(text, near(30), 10)).resolves.toBeInstanceOf(Array);
      await expect(search.searchOffers({ q: text })).resolves.toBeInstanceOf(Array);
    }
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM offers');
    expect(count?.n).toBe(SPECS.length);
  });

  it('ranks offers whose main job is the target before those where it is secondary', async () => {
    const rows = await search.romeCandidates(['N1101'], near(30), 10, 'Cariste');
    expect(rows.map((row) => row.id)).toEqual(['cariste-villeurbanne', 'magasinier-villeurbanne']);
    expect(await search.romeCandidates([], near(30), 10)).toEqual([]);
  });

  it('returns offers by id in the order asked, retired ones included', async () => {
    const offers = await search.offersByIds(['soins-rhone', 'unknown', 'cariste-retired']);
    expect(offers.map((offer) => offer.id)).toEqual(['soins-rhone', 'cariste-retired']);
  });

  it("serves the counsellor's search box despite accents and typos", async () => {
    expect(ids(await search.searchOffers({ q: 'aide soigante' }))).toEqual(
      expect.arrayContaining(['soins-44', 'soins-isere', 'soins-rhone']),
    );
    expect(
      ids(await search.searchOffers({ q: 'carriste', area: { origin: LYON_3E, radiusKm: 30 } })),
    ).toEqual(expect.arrayContaining(['cariste-villeurbanne', 'cariste-expired']));
    expect(
      ids(await search.searchOffers({ q: 'aide soignante', area: { origin: LYON_3E, radiusKm: 10 } })),
    ).toEqual(['soins-rhone']);
  });

  it('walks the HNSW index for the offers followed remotely, filters included', async () => {
    // Enough online offers, anywhere in the country, for the planner to prefer the index to reading them all.
    await db.exec(`
      INSERT INTO offers (id, kind, title, body, doc, content_hash, embed_text_hash, rome_codes, formacodes,
                          location_precision, modality, cpf, source_count, updated_run_id)
      SELECT 'online-' || n, 'training', 'Offre en ligne ' || n, '', '{}'::jsonb, '', '', '{}', '{}', 'online',
             'remote', n % 2 = 0, 1, 1
        FROM generate_series(1, 2000) AS n;
      INSERT INTO offer_embeddings (offer_id, model_id, text_hash, embedding)
      SELECT 'online-' || n, '${MODEL}', '', ARRAY[random(), random(), random(), random()]::vector
        FROM generate_series(1, 2000) AS n;
      ANALYZE offers;
      ANALYZE offer_embeddings;`);
    const plan = await search.explainVectorCandidates(
      MODEL,
      DIMENSIONS,
      towards(CARE),
      near(30, { cpfOnly: true, maxCostEur: 3000 }),
      30,
    );
    expect(plan).toContain(`Index Scan using ${vectorIndexName(MODEL)} on offer_embeddings`);
  });
});

describe('full-text rank and the length of what producers write', () => {
  let db: Database;
  let search: CatalogueSearch;
  const referentialWords = 'Soudeur / Soudeuse\nSoudage\nTitre professionnel soudeur TIG électrode enrobée';
  const terse = 'Formation de soudeur en atelier.';
  // A producer that writes at length repeats the words of its trade and mentions many others.
  const lengthy = Array.from(
    { length: 12 },
    (_, index) =>
      `Module ${index + 1} : soudage en atelier, lecture de plans, sécurité, contrôle des soudures, ` +
      'préparation des pièces, réglage du poste, organisation du travail en équipe et en entreprise.',
  ).join(' ');

  beforeAll(async () => {
    db = await openDatabase({});
    const catalogue = new CatalogueRepository(db);
    const runId = await catalogue.startRun([]);
    const offer = (id: string, source: 'lheo' | 'mcf', objectives: string): Offer => ({
      ...offerOf({ id, title: 'Soudeur TIG', place: ONLINE, modality: 'remote', objectives }),
      sources: [{ source, sourceId: id }],
    });
    await catalogue.upsertOffers(runId, [
      {
        offer: offer('a-lengthy', 'lheo', lengthy),
        body: `${referentialWords}\n${lengthy}`,
        embedTextHash: 'a',
        lastSessionEnd: null,
      },
      {
        offer: offer('b-terse', 'mcf', terse),
        body: `${referentialWords}\n${terse}`,
        embedTextHash: 'b',
        lastSessionEnd: null,
      },
    ]);
    search = new CatalogueSearch(db);
  });
  afterAll(() => db.close());

  it('does not rank an offer first because its description is longer', async () => {
    const rows = await search.fullTextCandidates(
      'Elle souhaite devenir soudeuse, elle a déjà travaillé en atelier',
      { referenceDate: REFERENCE_DATE },
      10,
      'Soudeur / Soudeuse',
    );
    expect(rows.map((row) => row.id)).toEqual(['b-terse', 'a-lengthy']);
  });
});

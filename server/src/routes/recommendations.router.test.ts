import { ProblemDetails, RecommendationResponse } from '@reco/contracts';
import { CatalogueRepository, type Database } from '@reco/db';
import { BuiltinCatalogueEmbedding, ingest } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../db/test/test-databases';
import { tempDir, writeLheo, writePartnerFeed } from '../../../ingestion/test/catalogue-files';
import { startFakeOllama } from '../../test/fake-ollama';
import { COLLEAGUE, loginAs, seedTestAccounts, type TestSession } from '../../test/login';
import { buildTestApp, listen } from '../../test/test-app';
import { formation, LYON, VILLEURBANNE } from '../../test/test-formations';

const NOW = new Date('2026-12-01T09:00:00Z');

const PROFILE = { location: { inseeCode: '69266' }, mobilityKm: 30 };

describe('POST /api/recommendations', () => {
  let db: Database;
  let ollama: Awaited<ReturnType<typeof startFakeOllama>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let counsellor: TestSession;
  let colleague: TestSession;

  beforeAll(async () => {
    db = await openTestDatabase();
    const catalogue = new CatalogueRepository(db);
    const dir = tempDir();
    await ingest(
      {
        catalogue,
        referentials: loadReferentials(),
        embedding: new BuiltinCatalogueEmbedding(catalogue),
        referenceDate: '2026-12-01',
      },
      [
        {
          path: writeLheo(dir, 'offres.xml', [
            formation(
              'CARISTE',
              "Titre professionnel cariste d'entrepôt",
              'Conduire des chariots élévateurs.',
              'RNCP34857',
              '31768',
            ),
            formation(
              'PREPA',
              'Préparateur de commandes en entrepôt',
              'Préparer des commandes en entrepôt.',
              'RNCP34860',
              '31743',
              VILLEURBANNE,
            ),
            formation(
              'AS',
              "Diplôme d'État d'aide-soignant",
              'Soins d’hygiène et de confort du patient.',
              'RNCP35830',
              '43436',
            ),
            formation(
              'WEB',
              'Développeur web et web mobile',
              'Développer des applications web.',
              'RNCP31114',
              '46207',
            ),
          ]),
        },
        {
          path: writePartnerFeed(
            dir,
            'forum.json',
            { name: 'Métropole de Lyon', siret: '20004697700019', kind: 'collectivite' },
            [
              {
                ref: 'FORUM-LOG',
                type: 'evenement',
                title: 'Forum emploi logistique et transport',
                summary: 'Rencontrez des entreprises de la logistique qui recrutent des caristes.',
                romeCodes: ['N1101'],
                place: { ...LYON, lat: 45.76, lon: 4.85 },
                start: '2027-02-11T09:00:00+01:00',
                end: '2027-02-11T17:00:00+01:00',
              },
            ],
          ),
        },
      ],
    );
    ollama = await startFakeOllama({ kind: 'choose' });
    const { app, services } = await buildTestApp(db, {
      clock: () => NOW,
      env: {
        LLM: 'ollama',
        OLLAMA_BASE_URL: ollama.url,
        LLM_ATTEMPT_TIMEOUT_MS: '1500',
        LLM_TOTAL_BUDGET_MS: '4000',
      },
    });
    await seedTestAccounts(services.auth);
    server = await listen(app);
    counsellor = await loginAs(server.url, 'conseiller.demo', 'demo');
    colleague = await loginAs(server.url, COLLEAGUE.username, COLLEAGUE.password);
  });
  afterAll(async () => {
    await server.close();
    await ollama.close();
    await db.close();
  });
  beforeEach(() => ollama.setBehaviour({ kind: 'choose' }));

  const post = (body: unknown, session: TestSession | null = counsellor, path = '/api/recommendations') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrfToken }),
      },
      body: JSON.stringify(body),
    });
  const storedRequests = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM recommendation_requests'))[0]?.n ?? 0;

  it('lets the model choose among real candidates and explains each', async () => {
    const response = await post({
      profile: PROFILE,
      prompt: 'Reconversion vers la logistique, devenir cariste',
    });
    expect(response.status).toBe(200);
    const body = RecommendationResponse.parse(await response.json());
    expect(body.mode).toBe('llm');
    expect(body.model).toBe('mixtral:8x7b');
    expect(body.promptVersion).toBe('recommandation-v1');
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.every((s) => s.explanation.generatedBy === 'llm')).toBe(true);
    expect(body.suggestions.map((s) => s.offerId)).toContain('lheo:CARISTE');
    const forklift = body.suggestions.find((s) => s.offerId === 'lheo:CARISTE');
    expect(forklift?.facts).toMatchObject({ cpf: true, locationPrecision: 'commune' });
    expect(forklift?.facts.distanceKm).toBeLessThan(10);
    expect(JSON.stringify(ollama.chatRequests().at(-1))).toContain('<offre id=');
  });

  it('drops suggestions the model invented and counts them', async () => {
    ollama.setBehaviour({ kind: 'invented' });
    const body = RecommendationResponse.parse(
      await (await post({ profile: PROFILE, prompt: 'Formation courte pour devenir cariste' })).json(),
    );
    const candidates = new Set([
      'lheo:CARISTE',
      'lheo:PREPA',
      'lheo:AS',
      'lheo:WEB',
      'partner:20004697700019:FORUM-LOG',
    ]);
    expect(body.suggestions.every((s) => candidates.has(s.offerId))).toBe(true);
    const [row] = await db.query<{ llm_run: { droppedInventedIds: number } }>(
      'SELECT llm_run FROM recommendation_requests WHERE id = $1',
      [body.requestId],
    );
    expect(row?.llm_run.droppedInventedIds).toBeGreaterThan(0);
  });

  it('still answers from retrieval, with rules explanations, when the model answers garbage', async () => {
    ollama.setBehaviour({ kind: 'garbage' });
    const body = RecommendationResponse.parse(
      await (await post({ profile: PROFILE, prompt: 'devenir cariste' })).json(),
    );
    expect(body.mode).toBe('retrieval');
    expect(body.model).toBeNull();
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.every((s) => s.explanation.generatedBy === 'rules')).toBe(true);
  });

  it('refuses an unknown or forbidden profile field with 422 naming it, and stores nothing', async () => {
    const before = await storedRequests();
    const response = await post({
      profile: { ...PROFILE, firstName: 'Amandine', handicap: true },
      prompt: 'devenir cariste',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = ProblemDetails.parse(await response.json());
    expect(problem.detail).toContain('profile.firstName');
    expect(problem.detail).toContain('profile.handicap');
    expect(JSON.stringify(problem)).not.toContain('Amandine');
    expect(await storedRequests()).toBe(before);
  });

  it('blocks sensitive data with its categories and spans, never echoing the text', async () => {
    const before = await storedRequests();
    const prompt = 'Il est en dépression depuis son divorce, cherche une formation de cariste';
    const response = await post({ profile: PROFILE, prompt });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as ProblemDetails & {
      categories: string[];
      findings: { start: number }[];
    };
    expect(problem.categories).toContain('health');
    expect(problem.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(problem)).not.toMatch(/dépression|divorce/);
    expect(await storedRequests()).toBe(before);
    const refusals = await db.query<{ categories: string[] }>('SELECT categories FROM guardrail_refusals');
    expect(refusals.at(-1)?.categories).toContain('health');
  });

  it('redacts a phone number and a first name before anything is stored, and goes on', async () => {
    const response = await post({
      profile: PROFILE,
      prompt: 'Madame Sophie Martin, 06 12 34 56 78, veut devenir cariste',
    });
    const body = RecommendationResponse.parse(await response.json());
    expect(body.guardrail.decision).toBe('warn');
    expect(body.guardrail.categories).toContain('identifier');
    const [row] = await db.query<{ redacted_prompt: string }>(
      'SELECT redacted_prompt FROM recommendation_requests WHERE id = $1',
      [body.requestId],
    );
    expect(row?.redacted_prompt).not.toMatch(/06 12 34 56 78|Sophie|Martin/);
    expect(row?.redacted_prompt).toContain('[TÉLÉPHONE]');
    expect(JSON.stringify(ollama.chatRequests().slice(-1))).not.toMatch(/06 12 34 56 78|Sophie/);
  });

  it('gives identical suggestions whatever the first name in the request', async () => {
    ollama.setBehaviour({ kind: 'garbage' });
    const idsFor = async (name: string) =>
      RecommendationResponse.parse(
        await (await post({ profile: PROFILE, prompt: `${name} souhaite devenir cariste à Lyon` })).json(),
      ).suggestions.map((s) => s.offerId);
    const reference = await idsFor('Marie');
    for (const name of ['Mohamed', 'Kevin', 'Nathalie', 'Jean-Pierre'])
      expect(await idsFor(name)).toEqual(reference);
  });

  it('continues a conversation, saying what changed, and keeps it to its counsellor', async () => {
    const first = RecommendationResponse.parse(
      await (await post({ profile: PROFILE, prompt: 'devenir cariste' })).json(),
    );
    const second = RecommendationResponse.parse(
      await (
        await post({
          profile: { ...PROFILE, modality: 'in_person' },
          prompt: 'plutôt préparateur de commandes',
          conversationId: first.conversationId,
        })
      ).json(),
    );
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.changes?.previousRequestId).toBe(first.requestId);
    const turns = await db.query<{ turn: number }>(
      'SELECT turn FROM recommendation_requests WHERE conversation_id = $1 ORDER BY turn',
      [first.conversationId],
    );
    expect(turns.map((t) => t.turn)).toEqual([1, 2]);

    const stolen = await post(
      { profile: PROFILE, prompt: 'cariste', conversationId: first.conversationId },
      colleague,
    );
    expect(stolen.status).toBe(404);
  });

  it('streams progress then the result as server-sent events', async () => {
    const response = await post(
      { profile: PROFILE, prompt: 'devenir cariste' },
      counsellor,
      '/api/recommendations/stream',
    );
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events).toEqual(['progress', 'progress', 'progress', 'progress', 'result']);
    const result = text.split('event: result\ndata: ')[1]?.trim() ?? '';
    expect(RecommendationResponse.parse(JSON.parse(result)).suggestions.length).toBeGreaterThan(0);
  });

  it('reports the LLM in the health check', async () => {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as {
      llm: string;
      status: string;
    };
    expect(health).toMatchObject({ status: 'ok', llm: 'ok' });
  });

  it('refuses anonymous callers and requests without the CSRF token', async () => {
    expect((await post({ profile: PROFILE, prompt: 'cariste' }, null)).status).toBe(401);
    const withoutToken = await fetch(`${server.url}/api/recommendations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: counsellor.cookie },
      body: JSON.stringify({ profile: PROFILE, prompt: 'cariste' }),
    });
    expect(withoutToken.status).toBe(403);
  });

  it('serves the counsellor’s own catalogue search and an offer with its sources', async () => {
    const search = await fetch(`${server.url}/api/offers/search?q=cariste&inseeCode=69266&radiusKm=30`, {
      headers: { cookie: counsellor.cookie },
    });
    const { offers } = (await search.json()) as { offers: { id: string; distanceKm?: number }[] };
    expect(offers.map((offer) => offer.id)).toContain('lheo:CARISTE');
    const offer = await fetch(`${server.url}/api/offers/${encodeURIComponent('lheo:CARISTE')}`, {
      headers: { cookie: counsellor.cookie },
    });
    expect(((await offer.json()) as { sources: unknown[] }).sources).toEqual([
      { source: 'lheo', sourceId: 'CARISTE' },
    ]);
    const missing = await fetch(`${server.url}/api/offers/nope`, { headers: { cookie: counsellor.cookie } });
    expect(missing.status).toBe(404);
  });

  it('checks text live for the alerts without storing it', async () => {
    const response = await fetch(`${server.url}/api/guardrail/check`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: counsellor.cookie,
        'x-csrf-token': counsellor.csrfToken,
      },
      body: JSON.stringify({ text: 'Formation d’aide-soignant, elle est enceinte' }),
    });
    const body = (await response.json()) as {
      decision: string;
      findings: { category: string; start: number; end: number }[];
    };
    expect(body.decision).toBe('block');
    expect(body.findings.some((f) => f.category === 'health' || f.category === 'family')).toBe(true);
    expect(JSON.stringify(body)).not.toContain('enceinte');
  });
});

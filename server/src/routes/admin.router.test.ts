import {
  AccessLogResponse,
  AdminRequestsResponse,
  API_ROUTES,
  type GuardrailSummary,
  OversightResponse,
  PurgeRecord,
  RetentionResponse,
  type Suggestion,
} from '@reco/contracts';
import { AccessLogRepository, type Database, RecommendationRepository } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../db/test/test-databases';
import { loginAs, type TestSession } from '../../test/login';
import { buildTestApp, listen } from '../../test/test-app';
import { seedDemoAccounts } from '../auth/demo-accounts';
import { createAccount } from '../auth/user-accounts';
import { ingestTinyCatalogue, NEAR_OFFERS } from '../oversight/test-catalogue';

/** The app's clock: decisions are dated by it, and the retention purge counts back from it. */
const NOW = new Date('2026-12-03T09:00:00Z');
const PASSWORD = 'un mot de passe long';
const USERNAMES = ['alice.martin', 'bruno.petit', 'admin.demo', 'conseiller.demo'];

const R1 = '00000000-0000-4000-8000-000000000001';
const R2 = '00000000-0000-4000-8000-000000000002';
const R3 = '00000000-0000-4000-8000-000000000003';
const R4 = '00000000-0000-4000-8000-000000000004';

const ALLOW: GuardrailSummary = { decision: 'allow', categories: [], findings: [] };
const WARN_IDENTIFIER: GuardrailSummary = {
  decision: 'warn',
  categories: ['identifier'],
  findings: [{ category: 'identifier', start: 1, end: 12 }],
};

const suggestion = (rank: number, generatedBy: 'llm' | 'rules'): Suggestion => {
  const offerId = NEAR_OFFERS[rank - 1] as string;
  return {
    offerId,
    rank,
    kind: 'training',
    title: `Formation ${offerId}`,
    provider: { name: 'Organisme' },
    location: { precision: 'commune', city: 'Lyon' },
    sessions: [],
    facts: {
      locationPrecision: 'commune',
      cpf: true,
      modality: 'in_person',
      matchedRomeCodes: [],
      matchedSkills: [],
    },
    explanation: { text: 'Proche et certifiante.', generatedBy },
    sources: [{ source: 'lheo', sourceId: offerId.slice('lheo:'.length) }],
  };
};
const [S1, S2, S3, S4] = NEAR_OFFERS;

/** A quoted-field CSV reader, enough for what the export writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ';') {
      row.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += char;
    }
  }
  return rows;
}

/**
 * The scenario, in the period 2026-11-23..2026-12-02 (days in France):
 * - R1 (Alice, team Lyon Est, 2026-11-23 00:30 in Paris, i.e. 11-22 in UTC, LLM): only the first retained, 10 s;
 * - R2 (Alice, 11-24, retrieval, identifier redacted): only the first retained, 20 s;
 * - R3 (Bruno, team Lyon Ouest, 12-01, LLM, identifier redacted): rank 3 retained, rank 1 set aside, one
 *   offer added, 60 s; an error report on rank 2;
 * - R4 (Bruno, 12-02, retrieval): not decided.
 * Refusals: Bruno 12-01 (health); Alice 11-20 (religion), before the period.
 */
describe('admin API: audit, oversight, access log, retention', () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof listen>>;
  let admin: TestSession;
  let counsellor: TestSession;
  let alice: TestSession;
  let bruno: TestSession;
  const pseudonyms = new Map<string, string>();

  beforeAll(async () => {
    db = await openTestDatabase();
    await ingestTinyCatalogue(db);
    const { app, services } = await buildTestApp(db, {
      clock: () => NOW,
      env: { OVERSIGHT_MIN_DECISIONS: '3', RETENTION_DAYS: '10' },
    });
    const { users, hasher } = services.auth;
    await seedDemoAccounts(users, hasher, 'demo');
    const account = (username: string, team: string) =>
      createAccount(
        users,
        hasher,
        { username, password: PASSWORD, role: 'counsellor', team },
        { allowShortPassword: false },
      );
    const aliceUser = await account('alice.martin', 'Lyon Est');
    const brunoUser = await account('bruno.petit', 'Lyon Ouest');
    for (const user of await users.list()) pseudonyms.set(user.username, user.pseudonym);

    const recommendations = new RecommendationRepository(db);
    const save = async (
      id: string,
      userId: string,
      createdAt: string,
      mode: 'llm' | 'retrieval',
      guardrail: GuardrailSummary,
      redactedPrompt: string,
    ) => {
      const conversationId = id.replace('-8000-', '-9000-');
      await recommendations.startConversation(conversationId, userId, new Date(createdAt));
      await recommendations.save({
        id,
        conversationId,
        turn: 1,
        userId,
        redactedPrompt,
        profile: { location: { inseeCode: '69266' }, mobilityKm: 30 },
        guardrail,
        mode,
        promptVersion: mode === 'llm' ? 'recommandation-v1' : 'regles-v1',
        model: mode === 'llm' ? 'mixtral:8x7b' : null,
        suggestions: [1, 2, 3, 4].map((rank) => suggestion(rank, mode === 'llm' ? 'llm' : 'rules')),
        llmRun: {},
        createdAt: new Date(createdAt),
      });
    };
    await save(R1, aliceUser.id, '2026-11-22T23:30:00Z', 'llm', ALLOW, 'Devenir cariste à Lyon');
    await save(
      R2,
      aliceUser.id,
      '2026-11-24T10:00:00Z',
      'retrieval',
      WARN_IDENTIFIER,
      '+[TÉLÉPHONE] rappeler',
    );
    await save(
      R3,
      brunoUser.id,
      '2026-12-01T10:00:00Z',
      'llm',
      WARN_IDENTIFIER,
      'Voir avec [PRÉNOM] la logistique',
    );
    await save(
      R4,
      brunoUser.id,
      '2026-12-02T10:00:00Z',
      'retrieval',
      ALLOW,
      '=HYPERLINK("http://exemple.test";"clic")',
    );
    await recommendations.recordRefusal(brunoUser.id, ['health'], new Date('2026-12-01T11:00:00Z'));
    await recommendations.recordRefusal(aliceUser.id, ['religion'], new Date('2026-11-20T11:00:00Z'));

    server = await listen(app);
    admin = await loginAs(server.url, 'admin.demo', 'demo');
    counsellor = await loginAs(server.url, 'conseiller.demo', 'demo');
    alice = await loginAs(server.url, 'alice.martin', PASSWORD);
    bruno = await loginAs(server.url, 'bruno.petit', PASSWORD);

    const decide = async (session: TestSession, requestId: string, body: unknown) => {
      const response = await post(`/api/recommendations/${requestId}/decisions`, body, session);
      expect(response.status).toBe(201);
    };
    await decide(alice, R1, {
      items: [
        { offerId: S1, action: 'retained' },
        { offerId: S2, action: 'set_aside', reason: 'too_far' },
        { offerId: S3, action: 'set_aside', reason: 'level' },
      ],
      added: [],
      msToDecide: 10_000,
    });
    await decide(alice, R2, {
      items: [
        { offerId: S1, action: 'retained' },
        { offerId: S2, action: 'set_aside', reason: 'not_relevant' },
        { offerId: S3, action: 'set_aside', reason: 'not_relevant' },
        { offerId: S4, action: 'set_aside', reason: 'not_relevant' },
      ],
      added: [],
      msToDecide: 20_000,
    });
    await decide(bruno, R3, {
      items: [
        { offerId: S1, action: 'set_aside', reason: 'dates' },
        { offerId: S3, action: 'retained' },
      ],
      added: [{ offerId: 'lheo:MARS', note: 'mobile l’été' }],
      msToDecide: 60_000,
    });
    const reported = await post(
      `/api/recommendations/${R3}/error-reports`,
      { offerId: S2, kind: 'wrong_fact', comment: 'Le prix affiché est faux' },
      bruno,
    );
    expect(reported.status).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  function post(path: string, body: unknown, session: TestSession | null, csrf = true) {
    return fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session && { cookie: session.cookie }),
        ...(session && csrf && { 'x-csrf-token': session.csrfToken }),
      },
      body: JSON.stringify(body),
    });
  }
  const get = (path: string, session: TestSession | null = admin) =>
    fetch(`${server.url}${path}`, { headers: session ? { cookie: session.cookie } : {} });
  const list = async (query = '') => {
    const response = await get(`/api/admin/requests${query}`);
    expect(response.status).toBe(200);
    return AdminRequestsResponse.parse(await response.json());
  };
  const oversight = async (query = '', url = server.url) => {
    const response = await fetch(`${url}/api/admin/oversight${query}`, { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    return OversightResponse.parse(await response.json());
  };
  const accessLog = async (query = '') => {
    const response = await get(`/api/admin/access-log${query}`);
    expect(response.status).toBe(200);
    return AccessLogResponse.parse(await response.json());
  };
  const logEntries = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_access_log'))[0]?.n ?? 0;

  it('refuses every admin route to a counsellor (403) and to an anonymous caller (401), logging nothing', async () => {
    const adminRoutes = API_ROUTES.filter((route) => route.access === 'admin');
    expect(adminRoutes.map((route) => route.path)).toEqual(
      expect.arrayContaining([
        '/api/admin/requests',
        '/api/admin/requests.csv',
        '/api/admin/oversight',
        '/api/admin/access-log',
        '/api/admin/retention',
        '/api/admin/retention/purge',
      ]),
    );
    const before = await logEntries();
    for (const route of adminRoutes) {
      const call = (session: TestSession | null) =>
        route.method === 'get' ? get(route.path, session) : post(route.path, {}, session);
      expect({ route: route.path, status: (await call(counsellor)).status }).toEqual({
        route: route.path,
        status: 403,
      });
      expect({ route: route.path, status: (await call(null)).status }).toEqual({
        route: route.path,
        status: 401,
      });
    }
    expect(await logEntries()).toBe(before);
    expect(await db.query('SELECT 1 FROM retention_purges')).toEqual([]);
  });

  it('lists the requests newest first, with suggestions, decisions and reports, by pseudonym only', async () => {
    const response = await get('/api/admin/requests');
    const text = await response.text();
    for (const username of USERNAMES) expect(text).not.toContain(username);
    const { total, items } = AdminRequestsResponse.parse(JSON.parse(text));
    expect(total).toBe(4);
    expect(items.map((item) => item.requestId)).toEqual([R4, R3, R2, R1]);

    const [r4, r3] = items;
    expect(r3).toMatchObject({
      counsellor: pseudonyms.get('bruno.petit'),
      team: 'Lyon Ouest',
      turn: 1,
      createdAt: '2026-12-01T10:00:00.000Z',
      redactedPrompt: 'Voir avec [PRÉNOM] la logistique',
      guardrail: WARN_IDENTIFIER,
      mode: 'llm',
      promptVersion: 'recommandation-v1',
      model: 'mixtral:8x7b',
      decision: {
        items: [
          { offerId: S1, action: 'set_aside', reason: 'dates' },
          { offerId: S3, action: 'retained' },
        ],
        added: [{ offerId: 'lheo:MARS', note: 'mobile l’été' }],
        decidedAt: NOW.toISOString(),
        msToDecide: 60_000,
      },
      errorReports: [
        {
          offerId: S2,
          kind: 'wrong_fact',
          comment: 'Le prix affiché est faux',
          createdAt: NOW.toISOString(),
        },
      ],
    });
    expect(r3?.suggestions).toEqual(
      NEAR_OFFERS.map((offerId, index) => ({
        rank: index + 1,
        offerId,
        title: `Formation ${offerId}`,
        kind: 'training',
        explanationBy: 'llm',
      })),
    );
    expect(r4?.decision).toBeUndefined();
    expect(r4?.suggestions[0]?.explanationBy).toBe('rules');
    expect(items[3]?.counsellor).toBe(pseudonyms.get('alice.martin'));
  });

  it('filters by days in France, guardrail decision and category, team, and pages', async () => {
    const ids = async (query: string) => (await list(query)).items.map((item) => item.requestId);
    expect(await ids('?decision=warn')).toEqual([R3, R2]);
    expect(await ids('?decision=allow')).toEqual([R4, R1]);
    expect(await ids('?category=identifier')).toEqual([R3, R2]);
    expect(await ids('?category=health')).toEqual([]);
    expect(await ids(`?team=${encodeURIComponent('Lyon Est')}`)).toEqual([R2, R1]);
    // R1 was made at 00:30 on the 23rd in Paris (23:30 on the 22nd in UTC).
    expect(await ids('?from=2026-11-23&to=2026-11-23')).toEqual([R1]);
    expect(await ids('?to=2026-11-22')).toEqual([]);
    expect(await ids('?from=2026-12-01')).toEqual([R4, R3]);
    expect(await list('?limit=1&offset=1')).toMatchObject({ total: 4, items: [{ requestId: R3 }] });

    for (const bad of [
      '?from=2026-12-02&to=2026-12-01',
      '?decision=block',
      '?limit=0',
      '?from=01/12/2026',
      '?user=x',
    ]) {
      const response = await get(`/api/admin/requests${bad}`);
      expect({ bad, status: response.status }).toEqual({ bad, status: 422 });
    }
  });

  it('exports the same requests as CSV: UTF-8 with BOM, “;”, one row each, formula-injection-safe', async () => {
    const response = await get('/api/admin/requests.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    for (const username of USERNAMES) expect(text).not.toContain(username);
    expect(text).toContain(`"'=HYPERLINK(""http://exemple.test"";""clic"")"`);

    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header?.[0]).toBe('Demande');
    expect(header).toContain('Conseiller (pseudonyme)');
    expect(rows.map((row) => row[0])).toEqual([R4, R3, R2, R1]);
    expect(rows.every((row) => row.length === header?.length)).toBe(true);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const cell = (row: number, name: string) => rows[row]?.[column(name)];
    expect(cell(0, 'Demande expurgée')).toBe(`'=HYPERLINK("http://exemple.test";"clic")`);
    expect(cell(2, 'Demande expurgée')).toBe(`'+[TÉLÉPHONE] rappeler`);
    expect(cell(1, 'Conseiller (pseudonyme)')).toBe(pseudonyms.get('bruno.petit'));
    expect(cell(1, 'Retenues')).toBe(S3);
    expect(cell(1, 'Écartées (motif)')).toBe(`${S1} (dates)`);
    expect(cell(1, 'Ajoutées par le conseiller')).toBe('lheo:MARS');
    expect(cell(1, 'Signalements')).toBe(`${S2} (information erronée)`);
    expect(cell(0, 'Retenues')).toBe('');

    const filtered = await get(`/api/admin/requests.csv?team=${encodeURIComponent('Lyon Est')}`);
    const filteredRows = parseCsv((await filtered.text()).replace(/^\uFEFF/, ''));
    expect(filteredRows.slice(1).map((row) => row[0])).toEqual([R2, R1]);
  });

  it('computes the human-oversight figures of a period', async () => {
    const figures = await oversight('?from=2026-11-23&to=2026-12-02');
    expect(figures).toMatchObject({
      period: { from: '2026-11-23', to: '2026-12-02', team: null },
      requests: 4,
      decidedRequests: 3,
      overrideRate: 1 / 3,
      degradedShare: 0.5,
      timeToDecideMs: { median: 20_000, p90: 52_000, sample: 3 },
      automationBias: { threshold: 0.6, minDecisions: 3 },
      automationBiasWarning: true,
      setAsideReasons: [
        { reason: 'not_relevant', count: 3 },
        { reason: 'dates', count: 1 },
        { reason: 'level', count: 1 },
        { reason: 'too_far', count: 1 },
      ],
      errorReports: [{ kind: 'wrong_fact', count: 1 }],
      guardrailAlerts: [
        { category: 'identifier', warnings: 2, refusals: 0 },
        { category: 'health', warnings: 0, refusals: 1 },
      ],
    });
    expect(figures.firstSuggestionShare).toBeCloseTo(2 / 3);
    expect(figures.acceptanceByRank.slice(0, 5)).toEqual([
      { rank: 1, shown: 3, retained: 2, rate: 2 / 3 },
      { rank: 2, shown: 3, retained: 0, rate: 0 },
      { rank: 3, shown: 3, retained: 1, rate: 1 / 3 },
      { rank: 4, shown: 3, retained: 0, rate: 0 },
      { rank: 5, shown: 0, retained: 0, rate: null },
    ]);
    expect(figures.acceptanceByRank).toHaveLength(10);
    expect(figures.byTeam).toEqual([
      {
        team: 'Lyon Est',
        requests: 2,
        decidedRequests: 2,
        firstSuggestionShare: 1,
        overrideRate: 0,
        degradedShare: 0.5,
        timeToDecideMs: { median: 15_000, p90: 19_000, sample: 2 },
        automationBiasWarning: false,
      },
      {
        team: 'Lyon Ouest',
        requests: 2,
        decidedRequests: 1,
        firstSuggestionShare: 0,
        overrideRate: 1,
        degradedShare: 0.5,
        timeToDecideMs: { median: 60_000, p90: 60_000, sample: 1 },
        automationBiasWarning: false,
      },
    ]);
    expect(
      figures.byWeek.map(({ week, requests, decidedRequests }) => ({ week, requests, decidedRequests })),
    ).toEqual([
      { week: '2026-W48', requests: 2, decidedRequests: 2 },
      { week: '2026-W49', requests: 2, decidedRequests: 1 },
    ]);

    const lyonEst = await oversight(`?team=${encodeURIComponent('Lyon Est')}`);
    expect(lyonEst).toMatchObject({ requests: 2, decidedRequests: 2, firstSuggestionShare: 1 });
    // Too few decisions to tell, however high the share.
    expect(lyonEst.automationBiasWarning).toBe(false);
    expect(lyonEst.guardrailAlerts).toEqual([
      { category: 'identifier', warnings: 1, refusals: 0 },
      { category: 'religion', warnings: 0, refusals: 1 },
    ]);
    expect(await oversight('?from=2027-01-01')).toMatchObject({
      requests: 0,
      decidedRequests: 0,
      firstSuggestionShare: null,
      automationBiasWarning: false,
      byTeam: [],
      byWeek: [],
    });
  });

  it('warns of automation bias only above the configured threshold', async () => {
    const figuresWith = async (env: Record<string, string>) => {
      const other = await listen((await buildTestApp(db, { clock: () => NOW, env })).app);
      try {
        return await oversight('?from=2026-11-23&to=2026-12-02', other.url);
      } finally {
        await other.close();
      }
    };
    expect(
      (await figuresWith({ OVERSIGHT_FIRST_SUGGESTION_THRESHOLD: '0.7', OVERSIGHT_MIN_DECISIONS: '3' }))
        .automationBiasWarning,
    ).toBe(false);
    expect((await figuresWith({ OVERSIGHT_MIN_DECISIONS: '4' })).automationBiasWarning).toBe(false);
    const lowThreshold = await figuresWith({
      OVERSIGHT_FIRST_SUGGESTION_THRESHOLD: '0.5',
      OVERSIGHT_MIN_DECISIONS: '1',
    });
    expect(lowThreshold.automationBiasWarning).toBe(true);
    expect(lowThreshold.byTeam.map((team) => [team.team, team.automationBiasWarning])).toEqual([
      ['Lyon Est', true],
      ['Lyon Ouest', false],
    ]);
  });

  it('logs every view of audit data, hash-chained, and shows the log with its integrity', async () => {
    const first = await accessLog();
    await list(`?team=${encodeURIComponent('Lyon Est')}`);
    await get('/api/admin/requests.csv?decision=warn').then((response) => response.arrayBuffer());
    await oversight('?from=2026-11-23');
    const { total, items, integrity } = await accessLog('?limit=4');

    expect(total).toBe(first.total + 4);
    // Checked before this very view was logged.
    expect(integrity).toEqual({ ok: true, entries: total, lastHash: items[0]?.hash });
    const adminPseudonym = pseudonyms.get('admin.demo');
    expect(items.map(({ actor, route, filters, rowCount }) => ({ actor, route, filters, rowCount }))).toEqual(
      [
        {
          actor: adminPseudonym,
          route: 'GET /api/admin/oversight',
          filters: { from: '2026-11-23' },
          rowCount: 4,
        },
        {
          actor: adminPseudonym,
          route: 'GET /api/admin/requests.csv',
          filters: { decision: 'warn' },
          rowCount: 2,
        },
        {
          actor: adminPseudonym,
          route: 'GET /api/admin/requests',
          filters: { team: 'Lyon Est', limit: 50, offset: 0 },
          rowCount: 2,
        },
        {
          actor: adminPseudonym,
          route: 'GET /api/admin/access-log',
          filters: { limit: 50, offset: 0 },
          rowCount: first.items.length,
        },
      ],
    );
    expect(items.every((item) => item.at === NOW.toISOString())).toBe(true);
    const text = JSON.stringify(await accessLog());
    for (const username of USERNAMES) expect(text).not.toContain(username);
    expect(await new AccessLogRepository(db).verifyChain()).toMatchObject({ ok: true });
  });

  it('detects a tampered entry', async () => {
    const [original] = await db.query<{ filters: unknown }>(
      'SELECT filters FROM audit_access_log WHERE id = 2',
    );
    // What only a superuser can do: write to the log with its append-only triggers off.
    const tamper = (filters: unknown) =>
      db.transaction(async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica');
        await tx.query('UPDATE audit_access_log SET filters = $1::jsonb WHERE id = 2', [
          JSON.stringify(filters),
        ]);
      });
    await tamper({ team: 'Autre équipe' });
    expect((await accessLog()).integrity).toEqual({
      ok: false,
      entries: 1,
      firstBrokenId: 2,
      reason: 'content_changed',
    });
    expect(await new AccessLogRepository(db).verifyChain()).toMatchObject({ ok: false, firstBrokenId: 2 });
    await tamper(original?.filters);
    expect((await accessLog()).integrity.ok).toBe(true);
  });

  it('tells the retention period and the last purge, and purges on demand with the CSRF token', async () => {
    expect(RetentionResponse.parse(await (await get('/api/admin/retention')).json())).toEqual({
      retentionDays: 10,
      lastPurge: null,
    });
    expect((await post('/api/admin/retention/purge', {}, admin, false)).status).toBe(403);
    expect(await list()).toMatchObject({ total: 4 });

    const response = await post('/api/admin/retention/purge', {}, admin);
    expect(response.status).toBe(200);
    // 10 days before 2026-12-03 09:00 UTC: R1 (2026-11-22 23:30) and the refusal of 11-20 go.
    const expected = {
      purgedAt: NOW.toISOString(),
      cutoff: '2026-11-23T09:00:00.000Z',
      requestsDeleted: 1,
      refusalsDeleted: 1,
      trigger: 'admin',
    };
    expect(PurgeRecord.parse(await response.json())).toEqual(expected);
    expect(RetentionResponse.parse(await (await get('/api/admin/retention')).json())).toEqual({
      retentionDays: 10,
      lastPurge: expected,
    });
    expect((await list()).items.map((item) => item.requestId)).toEqual([R4, R3, R2]);
    // The decision went with its request.
    expect(await db.query('SELECT 1 FROM recommendation_decisions WHERE request_id = $1', [R1])).toEqual([]);

    const { items, integrity } = await accessLog('?limit=2');
    expect(items[1]).toMatchObject({
      route: 'POST /api/admin/retention/purge',
      filters: { cutoff: '2026-11-23T09:00:00.000Z' },
      rowCount: 2,
    });
    expect(integrity.ok).toBe(true);
  });
});

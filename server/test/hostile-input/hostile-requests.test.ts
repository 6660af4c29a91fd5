/**
 * Hostile input against the real app and the embedded PostgreSQL: property-based fuzzing of every
 * route that reads a body or a query, texts past their limits, and SQL injection attempts. The
 * answer is always a 2xx or a 4xx problem, never a 500, and the server keeps answering.
 */
import { gzipSync } from 'node:zlib';
import { AdminRequestsResponse, API_ROUTES, OfferSearchResult, type RouteContract } from '@reco/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../login';
import {
  type Answer,
  type CallOptions,
  countRows,
  type Example,
  expectProblem,
  PROFILE,
  pathWith,
  routeKey,
  type SecurityFixture,
  startSecurityFixture,
  validCalls,
} from '../security/fixture';
import {
  arbitraryQuery,
  everyTextSpoiled,
  hostileString,
  mutationsOf,
  queryMutationsOf,
  rawBody,
  toJsonText,
} from './hostile-values';

/** Runs per property: with the spoiled texts, about 2,900 fuzzing requests in all. */
const RUNS = {
  arbitraryBody: 50,
  mutatedBody: 100,
  rawBody: 40,
  arbitraryQuery: 60,
  mutatedQuery: 100,
  other: 20,
};

let fx: SecurityFixture;
let examples: Record<string, Example>;
let requests = 0;

beforeAll(async () => {
  fx = await startSecurityFixture();
  examples = validCalls(fx);
});
afterAll(() => fx.close());

function send(session: TestSession | null, method: string, path: string, options: CallOptions = {}) {
  requests++;
  return fx.call(session, method, path, options);
}

/** Who may call the route: a fuzzed request must get past the gate to reach validation. */
function callerOf(route: RouteContract): TestSession | null {
  if (route.access === 'public') return null;
  return route.access === 'admin' ? fx.admin : fx.counsellor;
}

/** A 2xx, or a 4xx RFC 9457 problem; a stream's `problem` event is never a 5xx either. */
function expectHandled(answer: Answer) {
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  if (answer.status >= 400) expectProblem(answer);
  else expect(answer.status).toBeGreaterThanOrEqual(200);
  for (const [, data] of answer.text.matchAll(/^event: problem\ndata: (.*)$/gm))
    expect(JSON.parse(data ?? '{}').status).toBeLessThan(500);
}

async function expectStillServing() {
  const health = await send(null, 'GET', '/api/health');
  expect(health.status).toBe(200);
}

describe('property-based fuzzing of every route that reads a body or a query', () => {
  const fuzzed = API_ROUTES.filter((route) => route.body || route.query);

  it('covers the routes that read a body or a query', () => {
    expect(fuzzed.map(routeKey)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/recommendations',
        'POST /api/recommendations/stream',
        'POST /api/guardrail/check',
        'POST /api/recommendations/:requestId/decisions',
        'POST /api/recommendations/:requestId/error-reports',
        'GET /api/offers/search',
        'GET /api/admin/requests',
        'GET /api/admin/requests.csv',
        'GET /api/admin/oversight',
        'GET /api/admin/access-log',
        'GET /api/referentials/communes',
        'GET /api/referentials/jobs',
      ]),
    );
  });

  for (const route of fuzzed.filter((candidate) => candidate.body)) {
    it(`${routeKey(route)}: arbitrary JSON, mutated bodies, raw and mistyped bodies`, async () => {
      const example = examples[routeKey(route)] ?? {};
      const path = pathWith(route.path, example.params);
      const post = (rawBody: string | Uint8Array<ArrayBuffer>, contentType?: string) =>
        send(callerOf(route), 'POST', path, {
          rawBody,
          headers: contentType === undefined ? {} : { 'content-type': contentType },
        });

      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything()), async (value) => {
          expectHandled(await post(toJsonText(value), 'application/json'));
        }),
        { numRuns: RUNS.arbitraryBody },
      );
      await fc.assert(
        fc.asyncProperty(mutationsOf(example.body), async (body) => {
          expectHandled(await post(toJsonText(body), 'application/json'));
        }),
        { numRuns: RUNS.mutatedBody },
      );
      for (const body of everyTextSpoiled(example.body))
        expectHandled(await post(toJsonText(body), 'application/json'));
      await fc.assert(
        fc.asyncProperty(rawBody(JSON.stringify(example.body)), async ({ contentType, body }) => {
          expectHandled(await post(body, contentType));
        }),
        { numRuns: RUNS.rawBody },
      );
      await expectStillServing();
    });
  }

  for (const route of fuzzed.filter((candidate) => candidate.query)) {
    it(`${routeKey(route)}: arbitrary and mutated query strings`, async () => {
      const example = examples[routeKey(route)] ?? {};
      const valid = Object.fromEntries(
        Object.entries(example.query ?? {}).map(([name, value]) => [name, String(value)]),
      );
      const get = (query: Record<string, string | string[]>) =>
        send(callerOf(route), 'GET', pathWith(route.path, example.params), { query });

      await fc.assert(
        fc.asyncProperty(arbitraryQuery, async (query) => expectHandled(await get(query))),
        { numRuns: RUNS.arbitraryQuery },
      );
      await fc.assert(
        fc.asyncProperty(queryMutationsOf(valid), async (query) => expectHandled(await get(query))),
        { numRuns: RUNS.mutatedQuery },
      );
      for (const query of everyTextSpoiled(valid)) expectHandled(await get(query));
      await expectStillServing();
    });
  }

  it('every other route shrugs off arbitrary query strings and path parameters', async () => {
    // Logging out would end the session the other properties use; its refusals are in route-access.
    const others = API_ROUTES.filter(
      (route) => !route.body && !route.query && routeKey(route) !== 'POST /api/auth/logout',
    );
    for (const route of others) {
      const example = examples[routeKey(route)] ?? {};
      await fc.assert(
        fc.asyncProperty(arbitraryQuery, async (query) =>
          expectHandled(
            await send(callerOf(route), route.method.toUpperCase(), pathWith(route.path, example.params), {
              query,
            }),
          ),
        ),
        { numRuns: RUNS.other },
      );
    }
    // Path segments: hostile texts encoded (lone surrogates become U+FFFD, as a browser sends them), and
    // percent-encodings that do not decode.
    const segment = fc.oneof(
      hostileString
        .map((text) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8')))
        .filter((encoded) => encoded.length > 0 && encoded.length < 6000),
      fc.constantFrom('%', '%E0%A4%A', '%00', '%C0%AF', '..%2F..%2Fetc', '%2e%2e', '%uD800'),
    );
    for (const route of API_ROUTES.filter((candidate) => candidate.path.includes('/:'))) {
      const example = examples[routeKey(route)] ?? {};
      await fc.assert(
        fc.asyncProperty(segment, async (encoded) => {
          const path = route.path.replace(/:\w+/g, encoded);
          const body = example.body === undefined ? {} : { body: example.body };
          expectHandled(await send(callerOf(route), route.method.toUpperCase(), path, body));
        }),
        { numRuns: RUNS.other },
      );
    }
    await expectStillServing();
  });

  it('left no prototype polluted, and the server answering', async () => {
    for (const prototype of [Object.prototype, Array.prototype, Function.prototype])
      expect(Object.keys(prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    await expectStillServing();
    expect(requests).toBeGreaterThan(2000);
  });
});

describe('texts past their limits', () => {
  const MARKER = 'MARQUEURSECRET';
  const storedRequests = () => countRows(fx.db, 'recommendation_requests');
  const errorsOf = (answer: Answer) =>
    (JSON.parse(answer.text) as { errors?: { field: string; message: string }[] }).errors ?? [];

  it('refuses a request text past 2 000 characters with a 422 naming the field and the limit, however it is sent', async () => {
    const before = await storedRequests();
    const ways = [
      { path: '/api/recommendations', conversationId: undefined },
      { path: '/api/recommendations/stream', conversationId: undefined },
      { path: '/api/recommendations', conversationId: fx.request.conversationId },
      { path: '/api/recommendations/stream', conversationId: fx.request.conversationId },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2001, max: 20_000 }),
        fc.constantFrom(...ways),
        async (length, way) => {
          const prompt = `${MARKER} ${'cariste '.repeat(length)}`.slice(0, length);
          const answer = await send(fx.counsellor, 'POST', way.path, {
            body: {
              profile: PROFILE,
              prompt,
              ...(way.conversationId && { conversationId: way.conversationId }),
            },
          });
          expectProblem(answer, 422);
          expect(errorsOf(answer)).toEqual([
            { field: 'prompt', message: 'la demande dépasse 2 000 caractères' },
          ]);
          expect(answer.text).not.toContain(MARKER);
        },
      ),
      { numRuns: 24 },
    );
    expect(await storedRequests()).toBe(before);

    const atTheLimit = `${'cariste en entrepôt '.repeat(100)}`.slice(0, 1999).trimEnd().padEnd(2000, 'x');
    expect(atTheLimit).toHaveLength(2000);
    expect(
      (
        await send(fx.counsellor, 'POST', '/api/recommendations', {
          body: { profile: PROFILE, prompt: atTheLimit },
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a follow-up past the 10th turn of a conversation, saying so, and stores nothing', async () => {
    const ask = (conversationId?: string) =>
      send(fx.counsellor, 'POST', '/api/recommendations', {
        body: { profile: PROFILE, prompt: 'Formation de cariste', ...(conversationId && { conversationId }) },
      });
    const first = await ask();
    const { conversationId } = JSON.parse(first.text) as { conversationId: string };
    for (let turn = 2; turn <= 10; turn++) expect((await ask(conversationId)).status).toBe(200);
    const before = await storedRequests();
    const eleventh = await ask(conversationId);
    expectProblem(eleventh, 422);
    expect(JSON.parse(eleventh.text)).toMatchObject({ title: 'Conversation trop longue', maxTurns: 10 });
    expect(await storedRequests()).toBe(before);
  });

  it('answers an address too long for Node and a malformed path with a problem', async () => {
    const longQuery = await send(fx.counsellor, 'GET', '/api/offers', {
      query: { q: 'cariste '.repeat(3000) },
    });
    expect(expectProblem(longQuery, 431).title).toBe('En-têtes trop volumineux');
    const badEncoding = await send(fx.counsellor, 'GET', '/api/offers/%E0%A4%A');
    expect(expectProblem(badEncoding).detail).not.toContain('JSON');
    await expectStillServing();
  });

  it('refuses a live-check text past 2 000 characters the same way, and checks one at the limit', async () => {
    const over = await send(fx.counsellor, 'POST', '/api/guardrail/check', {
      body: { text: `${MARKER}${'a'.repeat(2000)}` },
    });
    expectProblem(over, 422);
    expect(errorsOf(over)).toEqual([{ field: 'text', message: 'le texte dépasse 2 000 caractères' }]);
    expect(over.text).not.toContain(MARKER);
    const atTheLimit = await send(fx.counsellor, 'POST', '/api/guardrail/check', {
      body: { text: 'a'.repeat(2000) },
    });
    expect(atTheLimit.status).toBe(200);
  });

  it('bounds every free text and list of a decision, a report and a profile, naming each', async () => {
    const shown = fx.request.suggestions[0]?.offerId ?? '';
    const own = fx.request.requestId;
    const decisions = await countRows(fx.db, 'recommendation_decisions');
    const reports = await countRows(fx.db, 'error_reports');
    const long = (n: number) => `${MARKER}${'x'.repeat(n)}`;
    const decide = (item: object, extra: object = {}) => ({
      path: `/api/recommendations/${own}/decisions`,
      body: { items: [{ offerId: shown, action: 'retained', ...item }], added: [], ...extra },
    });
    const recommend = (profile: object) => ({
      path: '/api/recommendations',
      body: { profile: { ...PROFILE, ...profile }, prompt: 'cariste' },
    });
    const cases = [
      {
        ...decide({ editedText: long(2000) }),
        field: 'items.0.editedText',
        message: 'le texte modifié dépasse 2 000 caractères',
      },
      {
        ...decide({ action: 'set_aside', reason: 'other', comment: long(500) }),
        field: 'items.0.comment',
        message: 'le commentaire dépasse 500 caractères',
      },
      {
        ...decide({}, { added: [{ offerId: 'lheo:MARS', note: long(500) }] }),
        field: 'added.0.note',
        message: 'la note dépasse 500 caractères',
      },
      {
        ...decide({ offerId: long(500) }),
        field: 'items.0.offerId',
        message: 'identifiant d’offre de plus de 500 caractères',
      },
      {
        ...decide({}, { added: Array.from({ length: 21 }, (_, i) => ({ offerId: `lheo:X${i}` })) }),
        field: 'added',
        message: 'au plus 20 offres ajoutées',
      },
      {
        path: `/api/recommendations/${own}/error-reports`,
        body: { offerId: shown, kind: 'wrong_fact', comment: long(1000) },
        field: 'comment',
        message: 'le commentaire dépasse 1 000 caractères',
      },
      {
        ...recommend({ skills: [long(100)] }),
        field: 'profile.skills.0',
        message: 'une compétence dépasse 100 caractères',
      },
      {
        ...recommend({ skills: Array.from({ length: 31 }, (_, i) => `compétence ${i}`) }),
        field: 'profile.skills',
        message: 'au plus 30 compétences',
      },
      {
        ...recommend({ completedTrainings: [long(200)] }),
        field: 'profile.completedTrainings.0',
        message: 'une formation suivie dépasse 200 caractères',
      },
      {
        ...recommend({ targetJobs: [{ label: long(150) }] }),
        field: 'profile.targetJobs.0.label',
        message: 'l’intitulé du métier dépasse 150 caractères',
      },
      {
        ...recommend({ targetJobs: Array.from({ length: 6 }, () => ({ romeCode: 'N1101' })) }),
        field: 'profile.targetJobs',
        message: 'au plus 5 métiers visés',
      },
    ];
    for (const { path, body, field, message } of cases) {
      const answer = await send(fx.counsellor, 'POST', path, { body });
      expectProblem(answer, 422);
      expect({ field, errors: errorsOf(answer) }).toEqual({ field, errors: [{ field, message }] });
      expect(answer.text).not.toContain(MARKER);
    }
    expect(await countRows(fx.db, 'recommendation_decisions')).toBe(decisions);
    expect(await countRows(fx.db, 'error_reports')).toBe(reports);
  });

  it('refuses a body past 64 Ko on every route with 413 saying so, compressed or not', async () => {
    const bodyRoutes = API_ROUTES.filter((route) => route.body);
    for (const route of bodyRoutes) {
      const path = pathWith(route.path, examples[routeKey(route)]?.params);
      const huge = JSON.stringify({ text: 'a'.repeat(70_000) });
      const plain = await send(callerOf(route), 'POST', path, {
        rawBody: huge,
        headers: { 'content-type': 'application/json' },
      });
      const zipped = await send(callerOf(route), 'POST', path, {
        rawBody: new Uint8Array(gzipSync(JSON.stringify({ text: ' '.repeat(5_000_000) }))),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      for (const answer of [plain, zipped]) {
        const problem = expectProblem(answer, 413);
        expect(problem.detail).toBe(
          'Le corps de la requête dépasse 64 Ko : raccourcissez les textes saisis.',
        );
        expect(problem.limitKb).toBe(64);
      }
    }
  });
});

describe('SQL injection attempts', () => {
  /** Shaped like SQL: none of them is a word of the catalogue, so each must find what a no-match search finds. */
  const SQL_PAYLOADS = [
    "' OR 1=1 --",
    "'; DROP TABLE offers; --",
    "1' UNION SELECT id, doc FROM users --",
    "admin'--",
    "') OR ('a'='a",
    '" OR ""="',
    '’ OR ‘1’=‘1',
    "'; SELECT pg_sleep(5); --",
    '$1',
    '$1::text',
    '%%',
    '__',
    '\\\\',
    "\\'; DELETE FROM users; --",
    '!!',
    ':*',
    'a <-> b',
    `${"' OR 1=1 --".repeat(15)}`,
  ];
  /** Full-text and pattern syntax around a real word: at most what the word alone finds. */
  const AROUND_A_WORD: [string, string][] = [
    ['cariste:*', 'cariste'],
    ['!cariste', 'cariste'],
    ['| cariste', 'cariste'],
    ['cariste & !!', 'cariste'],
    ['cariste <-> entrepôt', 'cariste entrepôt'],
    ["cariste' OR '1'='1", 'cariste'],
    ['cariste%', 'cariste'],
    ['cariste_', 'cariste'],
    ['cariste\\', 'cariste'],
    ["cariste'; --", 'cariste'],
  ];
  const NO_MATCH = 'zzqxwv';

  const searchIds = async (q: string) => {
    const answer = await send(fx.counsellor, 'GET', '/api/offers/search', { query: { q, limit: '50' } });
    expectHandled(answer);
    return answer.status === 200
      ? OfferSearchResult.parse(JSON.parse(answer.text)).offers.map((o) => o.id)
      : [];
  };
  const suggestions = async (kind: 'communes' | 'jobs', q: string) => {
    const answer = await send(fx.counsellor, 'GET', `/api/referentials/${kind}`, { query: { q } });
    expectHandled(answer);
    return answer.status === 200 ? (JSON.parse(answer.text) as { label?: string; inseeCode?: string }[]) : [];
  };
  const tables = ['offers', 'users', 'offer_embeddings', 'recommendation_requests', 'audit_access_log'];

  let before: number[];
  beforeAll(async () => {
    before = await Promise.all(tables.map((table) => countRows(fx.db, table)));
  });

  it('finds no more with a payload in the catalogue search than with a search that matches nothing', async () => {
    expect(await searchIds(NO_MATCH)).toEqual([]);
    for (const payload of SQL_PAYLOADS)
      expect({ payload, ids: await searchIds(payload) }).toEqual({ payload, ids: [] });
    for (const [payload, word] of AROUND_A_WORD) {
      const alone = await searchIds(word);
      expect(alone.length).toBeGreaterThan(0);
      expect({ payload, extra: (await searchIds(payload)).filter((id) => !alone.includes(id)) }).toEqual({
        payload,
        extra: [],
      });
    }
    for (const payload of SQL_PAYLOADS) {
      for (const name of ['inseeCode', 'radiusKm', 'limit'])
        expectProblem(
          await send(fx.counsellor, 'GET', '/api/offers/search', {
            query: { q: 'cariste', [name]: payload },
          }),
          422,
        );
    }
  });

  it('finds no commune and no more job titles with a payload than with its words alone', async () => {
    for (const payload of SQL_PAYLOADS)
      expect({ payload, found: await suggestions('communes', payload) }).toEqual({ payload, found: [] });
    for (const payload of [...SQL_PAYLOADS, ...AROUND_A_WORD.map(([p]) => p)]) {
      const words = payload.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      const found = (await suggestions('jobs', payload)).map((job) => job.label ?? '');
      if (words.length >= 2) {
        const alone = (await suggestions('jobs', words)).map((job) => job.label ?? '');
        expect({ payload, extra: found.filter((label) => !alone.includes(label)) }).toEqual({
          payload,
          extra: [],
        });
      } else {
        // Too short to search alone ("$1" is "1"): every title found holds it, and no word finds nothing.
        expect({ payload, found: found.filter((label) => words === '' || !label.includes(words)) }).toEqual({
          payload,
          found: [],
        });
      }
    }
  });

  it('filters the admin screens by a payload as by a team that does not exist', async () => {
    const totalOf = async (query: Record<string, string>) => {
      const answer = await send(fx.admin, 'GET', '/api/admin/requests', { query });
      expectHandled(answer);
      return answer.status === 200 ? AdminRequestsResponse.parse(JSON.parse(answer.text)).total : undefined;
    };
    expect(await totalOf({})).toBeGreaterThan(0);
    expect(await totalOf({ team: 'Équipe inexistante' })).toBe(0);
    for (const payload of SQL_PAYLOADS) {
      // Past the 100 characters of a team name, the contract refuses it (422): `undefined` here.
      const expected = payload.length > 100 ? undefined : 0;
      expect({ payload, total: await totalOf({ team: payload }) }).toEqual({ payload, total: expected });
      for (const name of ['from', 'to', 'decision', 'category', 'limit', 'offset'])
        expectProblem(
          await send(fx.admin, 'GET', '/api/admin/requests', { query: { [name]: payload } }),
          422,
        );
      const csv = await send(fx.admin, 'GET', '/api/admin/requests.csv', { query: { team: payload } });
      const oversight = await send(fx.admin, 'GET', '/api/admin/oversight', { query: { team: payload } });
      if (expected === undefined) {
        for (const answer of [csv, oversight]) expectProblem(answer, 422);
      } else {
        expect(csv.text.trim().split('\r\n')).toHaveLength(1);
        expect(JSON.parse(oversight.text)).toMatchObject({ requests: 0 });
      }
      for (const name of ['limit', 'offset'])
        expectProblem(
          await send(fx.admin, 'GET', '/api/admin/access-log', { query: { [name]: payload } }),
          422,
        );
    }
  });

  it('treats a payload in a path, a login or a request text as data', async () => {
    const shown = fx.request.suggestions[0]?.offerId ?? '';
    for (const payload of SQL_PAYLOADS) {
      expectProblem(await send(fx.counsellor, 'GET', `/api/offers/${encodeURIComponent(payload)}`), 404);
      for (const [path, body] of [
        ['decisions', { items: [{ offerId: shown, action: 'retained' }], added: [] }],
        ['error-reports', { offerId: shown, kind: 'wrong_fact' }],
      ] as const) {
        const answer = await send(
          fx.counsellor,
          'POST',
          `/api/recommendations/${encodeURIComponent(payload)}/${path}`,
          { body },
        );
        expectProblem(answer, 404);
      }
      const login = await send(null, 'POST', '/api/auth/login', {
        body: { username: payload, password: payload },
      });
      // 422 past the 100 characters of a username, 429 once the guessing is throttled.
      expect([401, 422, 429]).toContain(login.status);
      expectProblem(login);
      const recommended = await send(fx.counsellor, 'POST', '/api/recommendations', {
        body: {
          profile: { ...PROFILE, skills: [payload], targetJobs: [{ label: payload }] },
          prompt: payload,
        },
      });
      expectHandled(recommended);
    }
  });

  it('left every table as it was, but the requests it made', async () => {
    const after = await Promise.all(tables.map((table) => countRows(fx.db, table)));
    const index = tables.indexOf('recommendation_requests');
    expect(after.filter((_, i) => i !== index && tables[i] !== 'audit_access_log')).toEqual(
      before.filter((_, i) => i !== index && tables[i] !== 'audit_access_log'),
    );
    // One stored request per payload sent as a request text, but the one too long for a skill.
    const storable = SQL_PAYLOADS.filter((payload) => payload.length <= 100);
    expect(after[index]).toBe((before[index] ?? 0) + storable.length);
    const health = JSON.parse((await send(null, 'GET', '/api/health')).text);
    expect(health).toMatchObject({ status: 'ok', database: 'ok', catalogue: { activeOffers: 6 } });
  });
});

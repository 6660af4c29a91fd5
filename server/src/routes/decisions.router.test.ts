import { DecisionResponse, type ProblemDetails, RecommendationResponse } from '@reco/contracts';
import type { Database } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../db/test/test-databases';
import { COLLEAGUE, loginAs, seedTestAccounts, type TestSession } from '../../test/login';
import { buildTestApp, listen } from '../../test/test-app';
import { FAR_OFFERS, ingestTinyCatalogue } from '../oversight/test-catalogue';

const NOW = new Date('2026-12-01T09:00:00Z');
const PROFILE = { location: { inseeCode: '69266' }, mobilityKm: 30 };
const UNKNOWN_REQUEST = '00000000-0000-4000-8000-00000000dead';

type Problem = ProblemDetails & { errors?: { field: string; message: string }[]; categories?: string[] };

describe('POST /api/recommendations/:requestId/decisions and /error-reports', () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof listen>>;
  let counsellor: TestSession;
  let colleague: TestSession;

  beforeAll(async () => {
    db = await openTestDatabase();
    await ingestTinyCatalogue(db);
    await db.query(`UPDATE offers SET status = 'retired' WHERE id = 'lheo:NICE'`);
    const { app, services } = await buildTestApp(db, { clock: () => NOW });
    await seedTestAccounts(services.auth);
    server = await listen(app);
    counsellor = await loginAs(server.url, 'conseiller.demo', 'demo');
    colleague = await loginAs(server.url, COLLEAGUE.username, COLLEAGUE.password);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  const post = (path: string, body: unknown, session: TestSession | null = counsellor) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrfToken }),
      },
      body: JSON.stringify(body),
    });

  const recommend = async () => {
    const response = await post('/api/recommendations', {
      profile: PROFILE,
      prompt: 'Reconversion vers la logistique, devenir cariste',
    });
    expect(response.status).toBe(200);
    const body = RecommendationResponse.parse(await response.json());
    expect(body.suggestions.length).toBeGreaterThanOrEqual(3);
    return body;
  };
  const decide = (requestId: string, body: unknown, session: TestSession | null = counsellor) =>
    post(`/api/recommendations/${requestId}/decisions`, body, session);
  const report = (requestId: string, body: unknown, session: TestSession | null = counsellor) =>
    post(`/api/recommendations/${requestId}/error-reports`, body, session);
  const problem = async (response: Response) => (await response.json()) as Problem;
  const decisionsOf = (requestId: string) =>
    db.query<{
      user_id: string;
      items: { offerId: string; action: string; comment?: string; editedText?: string }[];
      added: { offerId: string; note?: string }[];
      ms_to_decide: number | null;
      created_at: Date;
    }>(
      'SELECT user_id, items, added, ms_to_decide, created_at FROM recommendation_decisions WHERE request_id = $1',
      [requestId],
    );

  it('stores the decision with the counsellor, the time to decide and the app clock, and is idempotent', async () => {
    const { requestId, suggestions } = await recommend();
    const [first, second, third] = suggestions;
    const decision = {
      items: [
        { offerId: first?.offerId, action: 'retained', editedText: 'Formation courte, proche du domicile.' },
        { offerId: second?.offerId, action: 'set_aside', reason: 'too_far' },
        {
          offerId: third?.offerId,
          action: 'set_aside',
          reason: 'other',
          comment: 'déjà refusé par l’organisme',
        },
      ],
      added: [{ offerId: FAR_OFFERS[0], note: 'Mobilité possible en été' }],
      msToDecide: 42_000,
    };

    const created = await decide(requestId, decision);
    expect(created.status).toBe(201);
    const { decisionId } = DecisionResponse.parse(await created.json());

    const [row] = await decisionsOf(requestId);
    const [user] = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'conseiller.demo'`);
    expect(row).toMatchObject({ user_id: user?.id, ms_to_decide: 42_000, created_at: NOW });
    expect(row?.items.map((item) => [item.offerId, item.action])).toEqual([
      [first?.offerId, 'retained'],
      [second?.offerId, 'set_aside'],
      [third?.offerId, 'set_aside'],
    ]);
    expect(row?.added).toEqual([{ offerId: 'lheo:MARS', note: 'Mobilité possible en été' }]);

    // A retry after a network error, even with its items in another order and another time measured.
    const retried = await decide(requestId, {
      ...decision,
      items: [...decision.items].reverse(),
      msToDecide: 43_000,
    });
    expect(retried.status).toBe(200);
    expect(DecisionResponse.parse(await retried.json())).toEqual({ decisionId, requestId });
    expect(await decisionsOf(requestId)).toHaveLength(1);

    // A different decision is refused: the one stored stays.
    const changed = await decide(requestId, { ...decision, added: [] });
    expect(changed.status).toBe(409);
    expect(await problem(changed)).toMatchObject({ title: 'Décision déjà enregistrée', decisionId });
    expect((await decisionsOf(requestId))[0]?.added).toHaveLength(1);
  });

  it('answers 404 alike for a request of another counsellor and for one that does not exist', async () => {
    const { requestId, suggestions } = await recommend();
    const body = { items: [{ offerId: suggestions[0]?.offerId, action: 'retained' }], added: [] };
    const stolen = await decide(requestId, body, colleague);
    const missing = await decide(UNKNOWN_REQUEST, body);
    const malformed = await decide('pas-un-uuid', body);
    for (const response of [stolen, missing, malformed]) expect(response.status).toBe(404);
    const [a, b] = [await problem(stolen), await problem(missing)];
    expect(a.detail).toBe(b.detail);
    expect(a.title).toBe('Demande introuvable');
    expect(await decisionsOf(requestId)).toHaveLength(0);
    expect(
      (await report(requestId, { offerId: suggestions[0]?.offerId, kind: 'wrong_fact' }, colleague)).status,
    ).toBe(404);
  });

  it('refuses with 422 an offer that was not shown, naming it', async () => {
    const { requestId, suggestions } = await recommend();
    const response = await decide(requestId, {
      items: [
        { offerId: suggestions[0]?.offerId, action: 'retained' },
        { offerId: 'lheo:MARS', action: 'retained' },
      ],
      added: [],
    });
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.detail).toContain('lheo:MARS');
    expect(body.errors).toEqual([
      { field: 'items.1.offerId', message: expect.stringContaining('lheo:MARS') },
    ]);
    expect(await decisionsOf(requestId)).toHaveLength(0);
  });

  it('refuses with 422 an offer that appears twice, in the items or between items and additions', async () => {
    const { requestId, suggestions } = await recommend();
    const id = suggestions[0]?.offerId as string;
    const twice = await decide(requestId, {
      items: [
        { offerId: id, action: 'retained' },
        { offerId: id, action: 'set_aside', reason: 'cost' },
      ],
      added: [],
    });
    expect(twice.status).toBe(422);
    expect((await problem(twice)).errors).toEqual([
      { field: 'items.1.offerId', message: expect.stringContaining(id) },
    ]);

    const alsoAdded = await decide(requestId, {
      items: [{ offerId: id, action: 'retained' }],
      added: [{ offerId: id }],
    });
    expect(alsoAdded.status).toBe(422);
    expect((await problem(alsoAdded)).errors?.[0]?.field).toBe('added.0.offerId');

    const addedTwice = await decide(requestId, {
      items: [],
      added: [{ offerId: 'lheo:MARS' }, { offerId: 'lheo:MARS' }],
    });
    expect(addedTwice.status).toBe(422);
    expect(await decisionsOf(requestId)).toHaveLength(0);
  });

  it('refuses with 422 an addition that is not an active offer of the catalogue', async () => {
    const { requestId, suggestions } = await recommend();
    const response = await decide(requestId, {
      items: [{ offerId: suggestions[0]?.offerId, action: 'retained' }],
      added: [{ offerId: 'lheo:INEXISTANTE' }, { offerId: 'lheo:NICE' }],
    });
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.errors?.map((error) => error.field)).toEqual(['added.0.offerId', 'added.1.offerId']);
    expect(body.detail).toContain('lheo:INEXISTANTE');
    expect(body.detail).toContain('lheo:NICE');
  });

  it('refuses a decision the contract rejects: a set-aside without its reason', async () => {
    const { requestId, suggestions } = await recommend();
    const response = await decide(requestId, {
      items: [{ offerId: suggestions[0]?.offerId, action: 'set_aside' }],
      added: [],
    });
    expect(response.status).toBe(422);
    expect((await problem(response)).detail).toContain('items.0.reason');
  });

  it('screens free texts: sensitive data refused without echo, identifiers redacted', async () => {
    const { requestId, suggestions } = await recommend();
    const sensitive = await decide(requestId, {
      items: [
        {
          offerId: suggestions[0]?.offerId,
          action: 'set_aside',
          reason: 'other',
          comment: 'Elle est en dépression depuis son divorce',
        },
      ],
      added: [],
    });
    expect(sensitive.status).toBe(422);
    const body = await problem(sensitive);
    expect(body.errors?.map((error) => error.field)).toEqual(['items.0.comment']);
    expect(body.categories).toContain('health');
    expect(JSON.stringify(body)).not.toMatch(/dépression|divorce/);
    expect(await decisionsOf(requestId)).toHaveLength(0);

    const withPhone = await decide(requestId, {
      items: [
        {
          offerId: suggestions[0]?.offerId,
          action: 'retained',
          editedText: 'Appeler Madame Sophie Martin au 06 12 34 56 78 pour l’inscription',
        },
      ],
      added: [],
    });
    expect(withPhone.status).toBe(201);
    const stored = JSON.stringify((await decisionsOf(requestId))[0]?.items);
    expect(stored).not.toMatch(/06 12 34 56 78|Sophie/);
    expect(stored).toContain('[TÉLÉPHONE]');
  });

  it('stores an error report on an offer shown or added, once, for the admins', async () => {
    const { requestId, suggestions } = await recommend();
    const shown = suggestions[1]?.offerId as string;
    const first = await report(requestId, {
      offerId: shown,
      kind: 'wrong_fact',
      comment: 'La date de session est fausse',
    });
    expect(first.status).toBe(201);
    const { reportId } = (await first.json()) as { reportId: string };
    const again = await report(requestId, {
      offerId: shown,
      kind: 'wrong_fact',
      comment: 'La date de session est fausse',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ reportId });
    const differently = await report(requestId, {
      offerId: shown,
      kind: 'wrong_fact',
      comment: 'Autre chose',
    });
    expect(differently.status).toBe(409);

    const notShown = await report(requestId, { offerId: 'lheo:MARS', kind: 'invented_content' });
    expect(notShown.status).toBe(422);
    expect((await problem(notShown)).detail).toContain('lheo:MARS');

    await decide(requestId, { items: [], added: [{ offerId: 'lheo:MARS' }] });
    const onAdded = await report(requestId, { offerId: 'lheo:MARS', kind: 'inappropriate' });
    expect(onAdded.status).toBe(201);

    const rows = await db.query<{ offer_id: string; kind: string; comment: string | null; created_at: Date }>(
      'SELECT offer_id, kind, comment, created_at FROM error_reports WHERE request_id = $1 ORDER BY kind',
      [requestId],
    );
    expect(rows).toEqual([
      { offer_id: 'lheo:MARS', kind: 'inappropriate', comment: null, created_at: NOW },
      { offer_id: shown, kind: 'wrong_fact', comment: 'La date de session est fausse', created_at: NOW },
    ]);
  });

  it('refuses anonymous callers and requests without the CSRF token', async () => {
    const { requestId, suggestions } = await recommend();
    const body = { items: [{ offerId: suggestions[0]?.offerId, action: 'retained' }], added: [] };
    expect((await decide(requestId, body, null)).status).toBe(401);
    expect(
      (await report(requestId, { offerId: suggestions[0]?.offerId, kind: 'wrong_fact' }, null)).status,
    ).toBe(401);
    const withoutToken = await fetch(`${server.url}/api/recommendations/${requestId}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: counsellor.cookie },
      body: JSON.stringify(body),
    });
    expect(withoutToken.status).toBe(403);
    expect(await decisionsOf(requestId)).toHaveLength(0);
  });
});

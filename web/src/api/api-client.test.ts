import {
  communeSuggestionsRoute,
  decisionsRoute,
  loginRoute,
  logoutRoute,
  type MeResponse,
  meRoute,
  offerSearchRoute,
  type RecommendationRequest,
} from '@reco/contracts';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { aResponse, REQUEST_ID } from '../testing/fixtures';
import { type ApiClient, buildUrl, createApiClient, type RecommendationStreamEvent } from './api-client';
import { ApiError, fieldErrorsOf, sensitiveDataRefusalOf } from './api-error';

interface Recorded {
  url: string;
  init: RequestInit;
}

/** A `fetch` that records its calls and answers with the given responses in turn. */
function fakeFetch(...answers: (Response | Error)[]) {
  const calls: Recorded[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, title: string, detail?: string, extra: object = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** The ApiError a call rejects with. */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error('expected an ApiError');
  return error;
}

function client(fetch: typeof globalThis.fetch, onUnauthorized = () => {}): ApiClient {
  return createApiClient({ fetch, csrfToken: () => 'csrf-123', onUnauthorized });
}

const PROFILE: RecommendationRequest['profile'] = { location: { inseeCode: '69266' }, mobilityKm: 30 };

describe('buildUrl', () => {
  it('fills path parameters (encoded) and drops empty query values', () => {
    expect(buildUrl('/api/recommendations/:requestId/decisions', { requestId: 'a b/c' })).toBe(
      '/api/recommendations/a%20b%2Fc/decisions',
    );
    expect(buildUrl('/api/offers/search', undefined, { q: 'cariste', inseeCode: undefined, limit: 5 })).toBe(
      '/api/offers/search?q=cariste&limit=5',
    );
    expect(() => buildUrl('/api/offers/:id')).toThrow(/id/);
  });
});

describe('ApiClient.call', () => {
  it('types each call from its contract: path parameters, query and body required where the route needs them', async () => {
    const api = client(fakeFetch().fetch);
    // @ts-expect-error the decisions route needs its requestId
    await api.call(decisionsRoute, { body: { items: [], added: [] } }).catch(() => {});
    // @ts-expect-error the search needs its query
    await api.call(offerSearchRoute).catch(() => {});
    // @ts-expect-error a strict body: no field outside the contract
    await api.call(loginRoute, { body: { username: 'a', password: 'b', name: 'c' } }).catch(() => {});
    // Type checks only: the calls themselves fail (no answer) and their rejections are absorbed.
    const me = api.call(meRoute);
    const logout = api.call(logoutRoute);
    await Promise.allSettled([me, logout]);
    expectTypeOf(me).resolves.toEqualTypeOf<MeResponse>();
    expectTypeOf(logout).resolves.toBeVoid();
  });

  it('GETs through the contract and parses the answer with its schema', async () => {
    const { fetch, calls } = fakeFetch(json({ user: 'claire', role: 'counsellor', csrfToken: 't' }));
    const me = await client(fetch).call(meRoute);
    expect(me).toEqual({ user: 'claire', role: 'counsellor', csrfToken: 't' });
    expect(calls[0]?.url).toBe('/api/auth/me');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.headers).not.toHaveProperty('x-csrf-token');
    expectTypeOf(me.role).toEqualTypeOf<'counsellor' | 'admin'>();
  });

  it('sends the query of a search', async () => {
    const { fetch, calls } = fakeFetch(json({ offers: [] }));
    await client(fetch).call(offerSearchRoute, { query: { q: 'cariste', inseeCode: '69266', radiusKm: 30 } });
    expect(calls[0]?.url).toBe('/api/offers/search?q=cariste&inseeCode=69266&radiusKm=30');
    expect(
      (await client(fakeFetch(json([])).fetch).call(communeSuggestionsRoute, { query: { q: 'ly' } })).length,
    ).toBe(0);
  });

  it('POSTs JSON with the CSRF token and the path parameters', async () => {
    const { fetch, calls } = fakeFetch(json({ decisionId: REQUEST_ID, requestId: REQUEST_ID }));
    const body = { items: [{ offerId: 'x', action: 'retained' as const }], added: [], msToDecide: 1200 };
    const answer = await client(fetch).call(decisionsRoute, { params: { requestId: REQUEST_ID }, body });
    expect(answer.decisionId).toBe(REQUEST_ID);
    expect(calls[0]?.url).toBe(`/api/recommendations/${REQUEST_ID}/decisions`);
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toMatchObject({
      'x-csrf-token': 'csrf-123',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(body);
  });

  it('accepts a 204 with no body where the contract expects nothing', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    await expect(client(fetch).call(logoutRoute)).resolves.toBeUndefined();
    expect(calls[0]?.init.headers).toHaveProperty('x-csrf-token', 'csrf-123');
  });

  it('turns a problem into an ApiError whose message is the French detail', async () => {
    const { fetch } = fakeFetch(
      problem(404, 'Offre introuvable', 'Cette offre n’existe pas dans le catalogue.'),
    );
    const error = await failure(
      client(fetch).call(decisionsRoute, {
        params: { requestId: REQUEST_ID },
        body: { items: [], added: [] },
      }),
    );
    expect(error.status).toBe(404);
    expect(error.userMessage).toBe('Cette offre n’existe pas dans le catalogue.');
  });

  it('says to wait on a 429, with the Retry-After delay when the problem has no detail', async () => {
    const { fetch } = fakeFetch(
      new Response('{"type":"about:blank","title":"Trop","status":429}', {
        status: 429,
        headers: { 'retry-after': '300' },
      }),
    );
    const error = await failure(client(fetch).call(meRoute));
    expect(error.retryAfterSeconds).toBe(300);
    expect(error.userMessage).toBe('Trop de tentatives. Patientez 5 minutes avant de réessayer.');
  });

  it('calls onUnauthorized on a 401 and falls back to a French message without a problem body', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch(new Response('<html>', { status: 401 }));
    const error = await failure(client(fetch, onUnauthorized).call(meRoute));
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(error.problem).toBeUndefined();
    expect(error.userMessage).toBe('Votre session a expiré : reconnectez-vous.');
  });

  it('distinguishes no answer, a cancelled call and an answer that breaks the contract', async () => {
    const network = await failure(client(fakeFetch(new TypeError('Failed to fetch')).fetch).call(meRoute));
    expect(network.kind).toBe('network');
    expect(network.userMessage).toMatch(/ne répond pas/);
    const aborted = await failure(
      client(fakeFetch(new DOMException('stop', 'AbortError')).fetch).call(meRoute),
    );
    expect(aborted.kind).toBe('aborted');
    const invalid = await failure(client(fakeFetch(json({ user: 'x' })).fetch).call(meRoute));
    expect(invalid.kind).toBe('invalid_response');
  });

  it('reads a sensitive-data refusal and field errors from the problem', async () => {
    const refusal = new ApiError('http', 422, {
      type: 'about:blank',
      title: 'Demande refusée : données sensibles',
      status: 422,
      categories: ['health'],
      findings: [{ category: 'health', start: 4, end: 10 }],
    });
    expect(sensitiveDataRefusalOf(refusal)).toEqual({
      categories: ['health'],
      findings: [{ category: 'health', start: 4, end: 10 }],
    });
    const invalid = new ApiError('http', 422, {
      type: 'about:blank',
      title: 'Requête invalide',
      status: 422,
      errors: [{ field: 'profile.mobilityKm', message: 'trop grand' }],
    });
    expect(sensitiveDataRefusalOf(invalid)).toBeUndefined();
    expect(fieldErrorsOf(invalid)).toEqual([{ field: 'profile.mobilityKm', message: 'trop grand' }]);
  });
});

function sse(chunks: string[], status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
}

async function collect(stream: AsyncGenerator<RecommendationStreamEvent, void>) {
  const events: RecommendationStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('ApiClient.streamRecommendations', () => {
  const request = { profile: PROFILE, prompt: 'Reconversion vers le métier de cariste' };

  it('yields each stage, then the parsed result, across arbitrary chunk boundaries', async () => {
    const result = JSON.stringify(aResponse());
    const text = [
      'event: progress\ndata: {"stage":"guardrail"}\n\n',
      'event: progress\ndata: {"stage":"retrieval"}\n\n',
      'event: progress\ndata: {"stage":"llm"}\n\n',
      `event: result\ndata: ${result}\n\n`,
    ].join('');
    const chunks = [text.slice(0, 7), text.slice(7, 50), text.slice(50, 120), text.slice(120)];
    const { fetch, calls } = fakeFetch(sse(chunks));
    const events = await collect(client(fetch).streamRecommendations(request));
    expect(events.map((e) => (e.type === 'progress' ? e.stage : e.type))).toEqual([
      'guardrail',
      'retrieval',
      'llm',
      'result',
    ]);
    expect(events.at(-1)).toEqual({ type: 'result', response: aResponse() });
    expect(calls[0]?.url).toBe('/api/recommendations/stream');
    expect(calls[0]?.init.headers).toMatchObject({ accept: 'text/event-stream', 'x-csrf-token': 'csrf-123' });
  });

  it('yields a problem event as an ApiError with its status', async () => {
    const problemEvent = JSON.stringify({
      type: 'about:blank',
      title: 'Demande refusée : données sensibles',
      status: 422,
      detail: 'La demande contient des informations qui ne doivent pas être saisies.',
      categories: ['family'],
      findings: [{ category: 'family', start: 0, end: 5 }],
    });
    const { fetch } = fakeFetch(
      sse([`event: progress\ndata: {"stage":"guardrail"}\n\nevent: problem\ndata: ${problemEvent}\n\n`]),
    );
    const events = await collect(client(fetch).streamRecommendations(request));
    const last = events.at(-1);
    expect(last?.type).toBe('problem');
    if (last?.type !== 'problem') return;
    expect(last.error.status).toBe(422);
    expect(sensitiveDataRefusalOf(last.error)?.categories).toEqual(['family']);
  });

  it('yields the problem of a refusal that came before the stream started', async () => {
    const { fetch } = fakeFetch(problem(422, 'Requête invalide', 'Champ(s) non autorisé(s) : profile.name.'));
    const events = await collect(client(fetch).streamRecommendations(request));
    expect(events).toHaveLength(1);
    expect(events[0]?.type === 'problem' && events[0].error.userMessage).toBe(
      'Champ(s) non autorisé(s) : profile.name.',
    );
  });

  it('says the answer was interrupted when the stream ends without a result', async () => {
    const { fetch } = fakeFetch(sse(['event: progress\ndata: {"stage":"guardrail"}\n\n']));
    const events = await collect(client(fetch).streamRecommendations(request));
    expect(events.at(-1)?.type === 'problem' && events.at(-1)).toMatchObject({
      error: { kind: 'interrupted' },
    });
  });

  it('reports a network failure as a problem, not an exception', async () => {
    const { fetch } = fakeFetch(new TypeError('Failed to fetch'));
    const events = await collect(client(fetch).streamRecommendations(request));
    expect(events).toEqual([{ type: 'problem', error: expect.objectContaining({ kind: 'network' }) }]);
  });
});

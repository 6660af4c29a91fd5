import { HealthResponse, RecommendationResponse } from '@reco/contracts';
import { type Database, openDatabase } from '@reco/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/auth/demo-accounts';
import { candidateIdsOf, type FakeOllama, type FakeOllamaBehaviour, startFakeOllama } from '../fake-ollama';
import { loginAs, type TestSession } from '../login';
import { buildTestApp, listen } from '../test-app';
import { A_REQUEST, FAULT_NOW, ingestFaultCatalogue } from './fault-catalogue';
import { aPortNothingListensOn } from './ports';

/**
 * What the counsellor gets when Ollama fails, through the real routes and the real Ollama client:
 * an answer all the same, saying it comes from retrieval (the web app's banner "L’assistant IA est
 * indisponible…"), with the offers retrieval alone gives and rules explanations, within the LLM's
 * time budget.
 */

const ATTEMPT_MS = 300;
const BUDGET_MS = 700;
/**
 * The budget, plus retrieval and the audit record on a busy two-core machine (measured: under a
 * second on a warm app). Past it, the server waited for the model beyond its budget.
 */
const ANSWERED_WITHIN_MS = BUDGET_MS + 4_000;
const LLM_ENV = {
  LLM: 'ollama',
  LLM_ATTEMPT_TIMEOUT_MS: String(ATTEMPT_MS),
  LLM_TOTAL_BUDGET_MS: String(BUDGET_MS),
};

interface OllamaFault {
  name: string;
  /** What the fake Ollama does; `unreachable`: nothing listens at the configured address. */
  ollama: FakeOllamaBehaviour | 'unreachable';
  /** The chat model the server asks for, when not one the fake serves. */
  model?: string;
  /** Why the audit record says the model was not used. */
  fallbackReason: string;
}

const invented = JSON.stringify({
  suggestions: [
    { offerId: 'lheo:INVENTEE-1', explanation: 'Une formation qui n’existe pas dans le catalogue.' },
    { offerId: 'mcf:0000:99', explanation: 'Une autre offre inventée par le modèle.' },
  ],
});

const FAULTS: OllamaFault[] = [
  { name: 'unreachable (nothing listens)', ollama: 'unreachable', fallbackReason: 'unreachable' },
  {
    name: 'slower than the time-out',
    ollama: { kind: 'slow', delayMs: 30_000 },
    fallbackReason: 'timeout',
  },
  { name: 'never answering', ollama: { kind: 'hang' }, fallbackReason: 'timeout' },
  { name: 'closing the stream half-way', ollama: { kind: 'cut' }, fallbackReason: 'unreachable' },
  { name: 'answering prose, not JSON', ollama: { kind: 'garbage' }, fallbackReason: 'invalid_output' },
  {
    name: 'answering truncated JSON',
    ollama: { kind: 'text', content: '{"suggestions":[{"offerId":"lheo:CARI' },
    fallbackReason: 'invalid_output',
  },
  {
    name: 'answering only invented ids',
    ollama: { kind: 'text', content: invented },
    fallbackReason: 'no_valid_suggestion',
  },
  {
    name: 'failing with a 500',
    ollama: { kind: 'error', status: 500, message: 'llama runner process has terminated' },
    fallbackReason: 'unreachable',
  },
  { name: 'busy (503)', ollama: { kind: 'error', status: 503 }, fallbackReason: 'unreachable' },
  {
    name: 'without the model pulled (404)',
    ollama: { kind: 'choose' },
    model: 'mixtral:absent',
    fallbackReason: 'unreachable',
  },
];

describe('Ollama faults, as the counsellor sees them', () => {
  let db: Database;
  let catalogueIds: Set<string>;
  let ollama: FakeOllama;
  let deadOllamaUrl: string;
  let counsellor: TestSession;
  /** What retrieval alone answers (LLM=none): the answer every fault must fall back to. */
  let retrievalOnly: string[];
  const servers: { url: string; close: () => Promise<void> }[] = [];

  /** A new app, warmed up by one request: the first loads the embedding model, which is not what is timed. */
  const serve = async (env: Record<string, string>) => {
    const { app } = await buildTestApp(db, { clock: () => FAULT_NOW, env });
    const server = await listen(app);
    servers.push(server);
    if (counsellor) await recommend(server.url, counsellor);
    return server.url;
  };
  const urls = new Map<string, Promise<string>>();
  /** The app whose Ollama is the fake (or nothing, when unreachable), asking for `model`. */
  const appFor = (fault: Pick<OllamaFault, 'ollama' | 'model'>) => {
    const env = {
      ...LLM_ENV,
      OLLAMA_BASE_URL: fault.ollama === 'unreachable' ? deadOllamaUrl : ollama.url,
      ...(fault.model && { OLLAMA_CHAT_MODEL: fault.model }),
    };
    const key = JSON.stringify(env);
    if (!urls.has(key)) urls.set(key, serve(env));
    return urls.get(key) as Promise<string>;
  };

  beforeAll(async () => {
    db = await openDatabase({});
    catalogueIds = new Set(await ingestFaultCatalogue(db));
    ollama = await startFakeOllama({ kind: 'choose' });
    deadOllamaUrl = `http://127.0.0.1:${await aPortNothingListensOn()}`;
    const { services } = await buildTestApp(db);
    await seedDemoAccounts(services.auth.users, services.auth.hasher, 'demo');
    const baselineUrl = await serve({ LLM: 'none' });
    // Sessions live in the database: one login serves every app over it.
    counsellor = await loginAs(baselineUrl, 'conseiller.demo', 'demo');
    const baseline = await recommend(baselineUrl, counsellor);
    retrievalOnly = baseline.suggestions.map((suggestion) => suggestion.offerId);
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await ollama?.close();
    await db?.close();
  });

  it('has a catalogue answer to fall back to', () => {
    expect(retrievalOnly.length).toBeGreaterThanOrEqual(2);
    expect(retrievalOnly.every((id) => catalogueIds.has(id))).toBe(true);
  });

  describe.each(FAULTS)('Ollama $name', (fault) => {
    it.each(['/api/recommendations', '/api/recommendations/stream'])(
      '%s answers 200 from retrieval, with rules explanations, in bounded time',
      async (path) => {
        ollama.setBehaviour({ kind: 'choose' });
        const url = await appFor(fault);
        if (fault.ollama !== 'unreachable') ollama.setBehaviour(fault.ollama);
        const chatRequestsBefore = ollama.chatRequests().length;

        const started = performance.now();
        const body = await recommend(url, counsellor, path);
        const elapsedMs = performance.now() - started;

        expect(body.mode).toBe('retrieval');
        expect(body.model).toBeNull();
        expect(body.suggestions.map((suggestion) => suggestion.offerId)).toEqual(retrievalOnly);
        for (const suggestion of body.suggestions) {
          expect(suggestion.explanation.generatedBy).toBe('rules');
          expect(suggestion.explanation.text.length).toBeGreaterThan(20);
        }
        // Whatever the model said, only offers it was shown as candidates come back.
        const shown = ollama.chatRequests().slice(chatRequestsBefore);
        if (fault.ollama === 'unreachable') expect(shown).toEqual([]);
        else {
          const candidates = new Set(shown.flatMap(candidateIdsOf));
          expect(body.suggestions.every((suggestion) => candidates.has(suggestion.offerId))).toBe(true);
        }
        expect(elapsedMs).toBeLessThan(ANSWERED_WITHIN_MS);
        expect(await fallbackReasonOf(db, body.requestId)).toBe(fault.fallbackReason);
      },
    );
  });

  it('keeps only real candidates when the model mixes invented ids with real ones', async () => {
    const url = await appFor({ ollama: { kind: 'invented' } });
    ollama.setBehaviour({ kind: 'invented' });
    const body = await recommend(url, counsellor);
    expect(body.mode).toBe('llm');
    const ids = body.suggestions.map((suggestion) => suggestion.offerId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => catalogueIds.has(id))).toBe(true);
    expect(ids).not.toContain('lheo:INVENTEE-1');
    const [row] = await db.query<{ llm_run: { droppedInventedIds: number } }>(
      'SELECT llm_run FROM recommendation_requests WHERE id = $1',
      [body.requestId],
    );
    expect(row?.llm_run.droppedInventedIds).toBe(2);
  });

  it('says in the health check that the LLM is down, the service degraded', async () => {
    const url = await appFor({ ollama: 'unreachable' });
    const response = await fetch(`${url}/api/health`);
    expect(response.status).toBe(200);
    expect(HealthResponse.parse(await response.json())).toMatchObject({
      status: 'degraded',
      database: 'ok',
      llm: 'down',
    });
  });
});

/** Posts the shared request; for the stream, reads the events through to the result. */
async function recommend(
  url: string,
  session: TestSession,
  path = '/api/recommendations',
): Promise<RecommendationResponse> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify(A_REQUEST),
  });
  expect(response.status).toBe(200);
  if (!path.endsWith('/stream')) return RecommendationResponse.parse(await response.json());
  const text = await response.text();
  const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)];
  expect(events.map(([, name]) => name)).toEqual(['progress', 'progress', 'progress', 'progress', 'result']);
  return RecommendationResponse.parse(JSON.parse(events.at(-1)?.[2] ?? ''));
}

async function fallbackReasonOf(db: Database, requestId: string): Promise<string | undefined> {
  const [row] = await db.query<{ llm_run: { fallbackReason?: string } }>(
    'SELECT llm_run FROM recommendation_requests WHERE id = $1',
    [requestId],
  );
  return row?.llm_run.fallbackReason;
}

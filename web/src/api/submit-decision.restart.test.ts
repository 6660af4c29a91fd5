import type { Server } from 'node:http';
import { RecommendationResponse } from '@reco/contracts';
import { type Database, openDatabase } from '@reco/db';
import { type Services, seedDemoAccounts } from '@reco/server';
import { loginAs, type TestSession } from '@reco/server/test/login';
import { buildTestApp } from '@reco/server/test/test-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTinyCatalogue } from '../../../server/src/oversight/test-catalogue';
import { type ApiClient, createApiClient } from './api-client';
import type { RetryEvent } from './retry';
import { submitDecision } from './submit-decision';

/**
 * The web client's decision submission against the real app, across a server restart: the app is
 * stopped (its database kept), the decision submitted, and the app started again on the same port
 * over the same database while the client retries. The decision must be stored exactly once.
 */
describe('submitDecision across a server restart', () => {
  let db: Database;
  let server: Server | undefined;
  let port = 0;
  let session: TestSession;

  /** The real app over `db`, as a restart brings it back. */
  async function startApp(): Promise<Services> {
    const { app, services } = await buildTestApp(db);
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : port;
    return services;
  }

  async function stopApp(): Promise<void> {
    const stopping = server;
    server = undefined;
    await new Promise<void>((resolve) => {
      if (!stopping) return resolve();
      stopping.closeAllConnections();
      stopping.close(() => resolve());
    });
  }

  const base = () => `http://127.0.0.1:${port}`;

  /** The browser's client, with the session cookie the browser would send. */
  const browserClient = (): ApiClient =>
    createApiClient({
      baseUrl: base(),
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), cookie: session.cookie },
        }),
      csrfToken: () => session.csrfToken,
    });

  const storedDecisions = async (requestId: string) =>
    (
      await db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM recommendation_decisions WHERE request_id = $1',
        [requestId],
      )
    )[0]?.count;

  async function recommend(): Promise<RecommendationResponse> {
    const response = await fetch(`${base()}/api/recommendations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify({
        profile: { location: { inseeCode: '69266' }, mobilityKm: 30 },
        prompt: 'Reconversion vers la logistique, devenir cariste',
      }),
    });
    expect(response.status).toBe(200);
    return RecommendationResponse.parse(await response.json());
  }

  beforeAll(async () => {
    db = await openDatabase({});
    await ingestTinyCatalogue(db);
    const services = await startApp();
    await seedDemoAccounts(services.auth.users, services.auth.hasher, 'demo');
    session = await loginAs(base(), 'conseiller.demo', 'demo');
  });
  afterAll(async () => {
    await stopApp();
    await db.close();
  });

  it('retries while the server is down and stores the decision once it is back', async () => {
    const shown = await recommend();
    const body = {
      items: shown.suggestions.map((suggestion, index) =>
        index === 0
          ? { offerId: suggestion.offerId, action: 'retained' as const }
          : { offerId: suggestion.offerId, action: 'set_aside' as const, reason: 'dates' as const },
      ),
      added: [],
      msToDecide: 30_000,
    };
    const api = browserClient();
    await stopApp();

    const retries: RetryEvent[] = [];
    let restarted: Promise<Services> | undefined;
    const answer = await submitDecision(api, shown.requestId, body, {
      // Short waits, and enough of them to outlast a restart on a busy machine.
      delays: Array(120).fill(0.25),
      onRetry: (event) => {
        retries.push(event);
        // The restart begins once the client has met the stopped server, and takes its own time.
        restarted ??= startApp();
      },
    });
    await restarted;

    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]?.error.kind).toBe('network');
    expect(answer.requestId).toBe(shown.requestId);
    expect(await storedDecisions(shown.requestId)).toBe(1);

    // The same decision sent again (a retry whose first answer was lost) is answered, not stored twice.
    const again = await submitDecision(api, shown.requestId, body);
    expect(again.decisionId).toBe(answer.decisionId);
    expect(await storedDecisions(shown.requestId)).toBe(1);
  });
});

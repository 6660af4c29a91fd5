import type { DecisionRequest, RecommendationResponse } from '@reco/contracts';
import { loginAs, type TestSession } from '@reco/server/test/login';
import type { BenchQuery } from './workload';

/** Answers by step of the counsellor's session; `failed` counts transport errors and unexpected statuses. */
export interface SessionTally {
  sessions: number;
  requests: number;
  /** `POST /api/recommendations` answered 2xx: each must be stored. */
  recommendations2xx: number;
  failed: number;
  /** `step status` (or `step error`) → count, for the report. */
  outcomes: Record<string, number>;
}

export function emptyTally(): SessionTally {
  return { sessions: 0, requests: 0, recommendations2xx: 0, failed: 0, outcomes: {} };
}

class StepFailed extends Error {}

/**
 * One counsellor's visit, as the web app makes it: log in, ask, follow up in the same conversation,
 * decide on every suggestion of the latest turn (the first retained, the others set aside), send
 * the same decision again as a network retry would (the server answers it as already stored), log
 * out. Stops at the first unexpected answer, which is tallied.
 */
export async function runCounsellorSession(options: {
  base: string;
  username: string;
  password: string;
  query: BenchQuery;
  tally: SessionTally;
}): Promise<void> {
  const { base, query, tally } = options;
  tally.sessions += 1;
  let session: TestSession;
  try {
    session = await step(tally, 'login', async () => {
      const opened = await loginAs(base, options.username, options.password);
      count(tally, 'login 200');
      return opened;
    });
  } catch {
    return;
  }
  const post = (step: string, path: string, body: unknown, expected: number[]) =>
    postJson(tally, step, `${base}${path}`, session, body, expected);
  try {
    const first = (await post(
      'recommendation',
      '/api/recommendations',
      query,
      [200],
    )) as RecommendationResponse;
    tally.recommendations2xx += 1;
    const followUp = (await post(
      'recommendation',
      '/api/recommendations',
      { ...query, prompt: 'Plutôt à temps partiel, et plus près', conversationId: first.conversationId },
      [200],
    )) as RecommendationResponse;
    tally.recommendations2xx += 1;
    const decision: DecisionRequest = {
      items: followUp.suggestions.map((suggestion, index) =>
        index === 0
          ? { offerId: suggestion.offerId, action: 'retained' }
          : { offerId: suggestion.offerId, action: 'set_aside', reason: 'not_relevant' },
      ),
      added: [],
      msToDecide: 45_000,
    };
    const path = `/api/recommendations/${followUp.requestId}/decisions`;
    await post('decision', path, decision, [201]);
    await post('decision retry', path, decision, [200]);
    await post('logout', '/api/auth/logout', undefined, [204]);
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
  }
}

async function postJson(
  tally: SessionTally,
  name: string,
  url: string,
  session: TestSession,
  body: unknown,
  expected: number[],
): Promise<unknown> {
  return step(tally, name, async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    count(tally, `${name} ${response.status}`);
    if (!expected.includes(response.status)) throw new StepFailed(`${name}: ${response.status}`);
    return text ? JSON.parse(text) : undefined;
  });
}

/** Runs a step, tallying a transport error or a failure; rethrows so that the session stops. */
async function step<T>(tally: SessionTally, name: string, work: () => Promise<T>): Promise<T> {
  tally.requests += 1;
  try {
    return await work();
  } catch (error) {
    tally.failed += 1;
    if (!(error instanceof StepFailed)) count(tally, `${name} error`);
    throw error instanceof StepFailed ? error : new StepFailed(String(error));
  }
}

function count(tally: SessionTally, outcome: string): void {
  tally.outcomes[outcome] = (tally.outcomes[outcome] ?? 0) + 1;
}

import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { type ApiClient, createApiClient } from '../api/api-client';
import { ApiProvider } from '../api/api-context';

/** A call the fake `fetch` received: method, path (with its query) and parsed JSON body. */
export interface RecordedCall {
  method: string;
  url: string;
  body?: unknown;
}

/** What the fake answers to one call: a JSON body and a status (200 unless told). */
export type FakeAnswer = { status?: number; body?: unknown; headers?: Record<string, string> };

/**
 * A fake `fetch` for the API client: `answer` decides each response from the call, every call is
 * recorded. No network, no mocking library: the client is built with it as its `fetch`.
 */
export function fakeFetch(answer: (call: RecordedCall) => FakeAnswer | Promise<FakeAnswer>) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: RecordedCall = {
      method: init?.method ?? 'GET',
      url: String(input),
      ...(typeof init?.body === 'string' && { body: JSON.parse(init.body) }),
    };
    calls.push(call);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const { status = 200, body, headers = {} } = await answer(call);
    const problem = status >= 400;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: {
        'content-type': problem ? 'application/problem+json' : 'application/json',
        ...headers,
      },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** An RFC 9457 problem as the server sends it. */
export function problem(status: number, title: string, detail?: string) {
  return { type: 'about:blank', title, status, ...(detail && { detail }) };
}

export function apiWith(fetch: typeof globalThis.fetch): ApiClient {
  return createApiClient({ fetch, csrfToken: () => 'csrf-test' });
}

/** Renders in jsdom with an API client built on the given fake `fetch`. */
export function renderWithApi(element: ReactElement, fetch: typeof globalThis.fetch) {
  return render(<ApiProvider value={apiWith(fetch)}>{element}</ApiProvider>);
}

/** A fetch that fails the test if anything calls it. */
export const noFetch = (() => Promise.reject(new Error('unexpected call'))) as typeof globalThis.fetch;

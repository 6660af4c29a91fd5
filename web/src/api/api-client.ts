import {
  ProblemDetails,
  RecommendationProgress,
  type RecommendationRequest,
  RecommendationResponse,
  type RouteContract,
  recommendationsStreamRoute,
} from '@reco/contracts';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { readServerSentEvents } from './sse';

/** `/api/recommendations/:requestId/decisions` → `'requestId'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** What a call to a contract takes: its path parameters, query and body, typed from the contract. */
export type CallInput<C extends RouteContract> = { signal?: AbortSignal } & ([
  PathParamNames<C['path']>,
] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParamNames<C['path']>, string> }) &
  (C extends { query: infer Q extends z.ZodType } ? { query: z.input<Q> } : { query?: undefined }) &
  (C extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : { body?: undefined });

/** A contract whose call needs nothing may be called without a second argument. */
type CallArguments<C extends RouteContract> =
  Record<string, never> extends Omit<CallInput<C>, 'signal'> ? [input?: CallInput<C>] : [input: CallInput<C>];

export type CallOutput<C extends RouteContract> = z.output<C['response']>;

export interface ApiClientOptions {
  /** Injected in tests; the browser's `fetch` otherwise. */
  fetch?: typeof fetch;
  /** Prefix of every path: empty when the app and the API share an origin. */
  baseUrl?: string;
  /** The session's anti-CSRF token, sent with every POST. */
  csrfToken: () => string | undefined;
  /** Called on every 401 answer (session expired or closed elsewhere). */
  onUnauthorized?: () => void;
}

/** What the recommendation stream yields, in order: progress, then a result or a problem. */
export type RecommendationStreamEvent =
  | { type: 'progress'; stage: RecommendationProgress['stage'] }
  | { type: 'result'; response: RecommendationResponse }
  | { type: 'problem'; error: ApiError };

export interface ApiClient {
  /** Calls a route through its contract; resolves with the parsed response, rejects with an ApiError. */
  call<C extends RouteContract>(contract: C, ...args: CallArguments<C>): Promise<CallOutput<C>>;
  /**
   * `POST /api/recommendations/stream`, read with `fetch` (EventSource cannot POST). Ends after the
   * result or the problem; a stream cut before either yields an `interrupted` problem.
   */
  streamRecommendations(
    body: RecommendationRequest,
    signal?: AbortSignal,
  ): AsyncGenerator<RecommendationStreamEvent, void>;
}

/** The path with its `:params` replaced (encoded), and the query string. */
export function buildUrl(
  path: string,
  params?: Record<string, string>,
  query?: Record<string, unknown>,
): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`path parameter ${name} missing for ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** The problem of a failed answer; a body that is not one gives a minimal problem with the status. */
async function problemOf(response: Response): Promise<ApiError> {
  let problem: ProblemDetails | undefined;
  try {
    const parsed = ProblemDetails.safeParse(await response.json());
    if (parsed.success) problem = parsed.data;
  } catch {
    // Not JSON (a proxy's HTML page): the status alone speaks.
  }
  return new ApiError('http', response.status, problem, retryAfterOf(response));
}

function transportError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if ((error as { name?: unknown })?.name === 'AbortError') return new ApiError('aborted', 0);
  return new ApiError('network', 0);
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';

  async function send(
    contract: RouteContract,
    input: { params?: Record<string, string>; query?: unknown; body?: unknown; signal?: AbortSignal },
    accept: string,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (input.body !== undefined) headers['content-type'] = 'application/json';
    const token = options.csrfToken();
    if (contract.method === 'post' && token) headers['x-csrf-token'] = token;
    let response: Response;
    try {
      response = await fetcher(
        `${baseUrl}${buildUrl(contract.path, input.params, input.query as Record<string, unknown>)}`,
        {
          method: contract.method.toUpperCase(),
          headers,
          credentials: 'same-origin',
          ...(input.body !== undefined && { body: JSON.stringify(input.body) }),
          ...(input.signal && { signal: input.signal }),
        },
      );
    } catch (error) {
      throw transportError(error);
    }
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.();
      throw await problemOf(response);
    }
    return response;
  }

  return {
    async call<C extends RouteContract>(contract: C, ...args: CallArguments<C>): Promise<CallOutput<C>> {
      const input = (args[0] ?? {}) as CallInput<RouteContract>;
      const response = await send(contract, input, 'application/json');
      let payload: unknown;
      try {
        const text = await response.text();
        payload = response.status === 204 || text === '' ? undefined : JSON.parse(text);
      } catch (error) {
        throw (error as { name?: unknown })?.name === 'AbortError'
          ? new ApiError('aborted', 0)
          : new ApiError('invalid_response', response.status);
      }
      const parsed = contract.response.safeParse(payload);
      if (!parsed.success) throw new ApiError('invalid_response', response.status);
      return parsed.data as CallOutput<C>;
    },

    async *streamRecommendations(body, signal) {
      let response: Response;
      try {
        response = await send(
          recommendationsStreamRoute,
          { body, ...(signal && { signal }) },
          'text/event-stream',
        );
      } catch (error) {
        yield { type: 'problem', error: transportError(error) };
        return;
      }
      if (!response.body) {
        yield { type: 'problem', error: new ApiError('invalid_response', response.status) };
        return;
      }
      try {
        for await (const event of readServerSentEvents(response.body)) {
          const data = parseJson(event.data);
          if (event.event === 'progress') {
            const progress = RecommendationProgress.safeParse(data);
            // An unknown stage from a newer server is not worth failing for.
            if (progress.success) yield { type: 'progress', stage: progress.data.stage };
          } else if (event.event === 'result') {
            const result = RecommendationResponse.safeParse(data);
            yield result.success
              ? { type: 'result', response: result.data }
              : { type: 'problem', error: new ApiError('invalid_response', 200) };
            return;
          } else if (event.event === 'problem') {
            const problem = ProblemDetails.safeParse(data);
            yield {
              type: 'problem',
              error: problem.success
                ? new ApiError('http', problem.data.status, problem.data)
                : new ApiError('invalid_response', 200),
            };
            return;
          }
        }
      } catch (error) {
        const failure = transportError(error);
        yield {
          type: 'problem',
          error: failure.kind === 'network' ? new ApiError('interrupted', 0) : failure,
        };
        return;
      }
      yield { type: 'problem', error: new ApiError('interrupted', 0) };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type LlmStatus = 'ok' | 'down' | 'disabled';

const PROBE_TIMEOUT_MS = 1000;
const CACHE_MS = 15_000;

/**
 * Whether Ollama answers and serves the configured model, probed on `/api/tags` at most every 15 s
 * so that a load balancer polling the health route does not load Ollama.
 */
export function ollamaStatus(
  baseUrl: string,
  model: string,
  clock: () => number = Date.now,
): () => Promise<LlmStatus> {
  let cached: { status: LlmStatus; at: number } | undefined;
  return async () => {
    if (cached && clock() - cached.at < CACHE_MS) return cached.status;
    const status = await probe(baseUrl, model);
    cached = { status, at: clock() };
    return status;
  };
}

async function probe(baseUrl: string, model: string): Promise<LlmStatus> {
  try {
    const response = await fetch(new URL('api/tags', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`), {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (!response.ok) return 'down';
    const { models } = (await response.json()) as { models?: { name?: string }[] };
    const names = new Set((models ?? []).map((entry) => entry.name));
    return names.has(model) || names.has(`${model}:latest`) ? 'ok' : 'down';
  } catch {
    return 'down';
  }
}

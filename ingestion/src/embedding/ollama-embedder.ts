import type { Embedder } from './embedder.js';

export interface OllamaEmbedderOptions {
  /** Where Ollama listens, e.g. http://localhost:11434 (a path prefix behind a proxy is kept). */
  baseUrl: string;
  /** Ollama model name; pin a tag (bge-m3:567m) for vectors that stay comparable over time. */
  model: string;
  /** Length of the model's vectors: any other length is an error. */
  dimensions: number;
  /** Per HTTP call (default 30 s: a cold model takes seconds to load). */
  timeoutMs?: number;
  /** Further attempts after a network error, a timeout, a 429 or a 5xx (default 1). */
  maxRetries?: number;
  /** Texts per call (default 64). */
  batchSize?: number;
  /** Wait before the first retry, doubled at each next one (default 200 ms). */
  retryDelayMs?: number;
}

/** Ollama did not answer usefully: unreachable, too slow, or failing (5xx), even after the retries. */
export class OllamaUnavailableError extends Error {
  override readonly name = 'OllamaUnavailableError';
}

/** Ollama answered, but not with what was asked: a refused request (unknown model...) or unusable vectors. */
export class OllamaResponseError extends Error {
  override readonly name = 'OllamaResponseError';
}

/** Embeddings from an Ollama server through its /api/embed endpoint, L2-normalised. */
export class OllamaEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  private readonly endpoint: URL;
  private readonly model: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly batchSize: number;
  private readonly retryDelayMs: number;

  constructor(options: OllamaEmbedderOptions) {
    for (const [name, value, least] of [
      ['dimensions', options.dimensions, 1],
      ['batchSize', options.batchSize ?? 1, 1],
      ['maxRetries', options.maxRetries ?? 0, 0],
    ] as const) {
      if (!Number.isInteger(value) || value < least)
        throw new RangeError(`${name} must be an integer >= ${least}`);
    }
    this.model = options.model;
    this.modelId = `ollama/${options.model}`;
    this.dimensions = options.dimensions;
    this.endpoint = new URL(
      'api/embed',
      options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    );
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 1;
    this.batchSize = options.batchSize ?? 64;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize);
      const embeddings = await this.callWithRetries(batch);
      for (const embedding of embeddings) vectors.push(this.normalized(embedding));
    }
    return vectors;
  }

  private async callWithRetries(batch: string[]): Promise<unknown[]> {
    let lastFailure = '';
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      if (attempt > 0) await sleep(this.retryDelayMs * 2 ** (attempt - 1));
      const outcome = await this.call(batch);
      if (outcome.ok) return this.checkedEmbeddings(outcome.body, batch.length);
      lastFailure = outcome.failure;
    }
    throw new OllamaUnavailableError(
      `Ollama at ${this.endpoint.origin} gave no embeddings after ${this.maxRetries + 1} attempt(s): ${lastFailure}`,
    );
  }

  /** One HTTP call; transient failures are returned for a retry, definitive ones thrown. */
  private async call(batch: string[]): Promise<{ ok: true; body: unknown } | { ok: false; failure: string }> {
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: this.model, input: batch }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      if (response.status === 429 || response.status >= 500) {
        return { ok: false, failure: `HTTP ${response.status} ${errorMessageOf(text)}` };
      }
      if (!response.ok) {
        throw new OllamaResponseError(
          `Ollama refused to embed with model ${this.model}: HTTP ${response.status} ${errorMessageOf(text)}`,
        );
      }
      return { ok: true, body: parseJson(text) };
    } catch (error) {
      if (error instanceof OllamaResponseError) throw error;
      if (error instanceof Error && error.name === 'TimeoutError') {
        return { ok: false, failure: `no answer within ${this.timeoutMs} ms` };
      }
      // fetch reports network failures as a TypeError whose cause says what happened (ECONNREFUSED...).
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return { ok: false, failure: `${error instanceof Error ? error.message : String(error)}${cause}` };
    }
  }

  private checkedEmbeddings(body: unknown, expected: number): unknown[] {
    const embeddings = (body as { embeddings?: unknown } | null)?.embeddings;
    if (!Array.isArray(embeddings) || embeddings.length !== expected) {
      throw new OllamaResponseError(
        `Ollama returned ${Array.isArray(embeddings) ? embeddings.length : 'no'} embeddings for ${expected} texts`,
      );
    }
    return embeddings;
  }

  private normalized(embedding: unknown): Float32Array {
    if (!Array.isArray(embedding) || embedding.length !== this.dimensions) {
      const length = Array.isArray(embedding) ? embedding.length : 'no';
      throw new OllamaResponseError(
        `Ollama model ${this.model} returned vectors of ${length} dimensions, ${this.dimensions} expected`,
      );
    }
    let squares = 0;
    for (const value of embedding) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new OllamaResponseError(`Ollama model ${this.model} returned a non-numeric vector component`);
      }
      squares += value * value;
    }
    const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    return Float32Array.from(embedding as number[], (value) => value * scale);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new OllamaResponseError(`Ollama answered with something else than JSON: ${text.slice(0, 200)}`);
  }
}

/** Ollama reports errors as {"error": "..."}; anything else is shown as it came, shortened. */
function errorMessageOf(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    if (typeof error === 'string') return error;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 200);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaEmbedder, OllamaResponseError, OllamaUnavailableError } from './ollama-embedder.js';

interface EmbedRequest {
  method?: string;
  url?: string;
  contentType?: string;
  body: { model: string; input: string[] };
}

type Handler = (request: EmbedRequest, response: ServerResponse) => void;

let server: Server | undefined;

/** A fake Ollama on a free port; returns its base URL and the requests it received. */
async function fakeOllama(handler: Handler): Promise<{ baseUrl: string; requests: EmbedRequest[] }> {
  const requests: EmbedRequest[] = [];
  server = createServer((incoming: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: EmbedRequest = {
        method: incoming.method,
        url: incoming.url,
        contentType: incoming.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      };
      requests.push(request);
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

afterEach(async () => {
  const closing = server;
  server = undefined;
  if (!closing) return;
  closing.closeAllConnections();
  await new Promise((resolve) => closing.close(resolve));
});

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** What Ollama would return: here a vector [length of the text, 2, 0] for each input, not normalised. */
function embeddingsFor(input: string[]): { model: string; embeddings: number[][] } {
  return { model: 'bge-m3', embeddings: input.map((text) => [text.length, 2, 0]) };
}

describe('OllamaEmbedder', () => {
  it('embeds in batches through /api/embed and returns normalised vectors in order', async () => {
    const { baseUrl, requests } = await fakeOllama((request, response) =>
      answer(response, 200, embeddingsFor(request.body.input)),
    );
    const embedder = new OllamaEmbedder({ baseUrl, model: 'bge-m3', dimensions: 3, batchSize: 2 });
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];

    const vectors = await embedder.embed(texts);

    expect(embedder.modelId).toBe('ollama/bge-m3');
    expect(requests.map((r) => r.body)).toEqual([
      { model: 'bge-m3', input: ['a', 'bb'] },
      { model: 'bge-m3', input: ['ccc', 'dddd'] },
      { model: 'bge-m3', input: ['eeeee'] },
    ]);
    expect(requests.every((r) => r.method === 'POST' && r.url === '/api/embed')).toBe(true);
    expect(requests[0]?.contentType).toBe('application/json');
    texts.forEach((text, i) => {
      const length = Math.hypot(text.length, 2);
      expect(Array.from(vectors[i] as Float32Array)).toEqual([
        Math.fround(text.length / length),
        Math.fround(2 / length),
        0,
      ]);
    });
  });

  it('keeps the path of a base URL behind a proxy, and makes no call for no text', async () => {
    const { baseUrl, requests } = await fakeOllama((request, response) =>
      answer(response, 200, embeddingsFor(request.body.input)),
    );
    const embedder = new OllamaEmbedder({ baseUrl: `${baseUrl}/ollama/`, model: 'm', dimensions: 3 });
    expect(await embedder.embed([])).toEqual([]);
    expect(requests).toHaveLength(0);
    await embedder.embed(['x']);
    expect(requests[0]?.url).toBe('/ollama/api/embed');
  });

  it('gives up with OllamaUnavailableError when the server never answers, within the timeouts', async () => {
    const { baseUrl, requests } = await fakeOllama(() => {
      // Never answers.
    });
    const embedder = new OllamaEmbedder({
      baseUrl,
      model: 'bge-m3',
      dimensions: 3,
      timeoutMs: 150,
      maxRetries: 1,
      retryDelayMs: 10,
    });
    const started = performance.now();
    const failure = embedder.embed(['a']);
    await expect(failure).rejects.toBeInstanceOf(OllamaUnavailableError);
    await expect(failure).rejects.toThrow(/2 attempt\(s\): no answer within 150 ms/);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(requests).toHaveLength(2);
  });

  it('reports OllamaUnavailableError when nothing listens', async () => {
    const { baseUrl } = await fakeOllama(() => {});
    const closing = server as Server;
    server = undefined;
    await new Promise((resolve) => closing.close(resolve));
    const embedder = new OllamaEmbedder({ baseUrl, model: 'bge-m3', dimensions: 3, retryDelayMs: 1 });
    await expect(embedder.embed(['a'])).rejects.toThrow(OllamaUnavailableError);
  });

  it('retries after a server error and succeeds', async () => {
    let calls = 0;
    const { baseUrl, requests } = await fakeOllama((request, response) => {
      calls++;
      if (calls === 1) answer(response, 500, { error: 'model is loading' });
      else answer(response, 200, embeddingsFor(request.body.input));
    });
    const embedder = new OllamaEmbedder({ baseUrl, model: 'bge-m3', dimensions: 3, retryDelayMs: 5 });
    const [vector] = await embedder.embed(['abc']);
    expect(requests).toHaveLength(2);
    expect(vector?.[0]).toBeCloseTo(3 / Math.hypot(3, 2), 6);
  });

  it('gives up after the last retry of repeated server errors, with what the server said', async () => {
    const { baseUrl, requests } = await fakeOllama((_, response) => answer(response, 503, { error: 'busy' }));
    const embedder = new OllamaEmbedder({
      baseUrl,
      model: 'm',
      dimensions: 3,
      maxRetries: 2,
      retryDelayMs: 1,
    });
    await expect(embedder.embed(['a'])).rejects.toThrow(/3 attempt\(s\): HTTP 503 busy/);
    expect(requests).toHaveLength(3);
  });

  it('rejects vectors of the wrong dimension, without retrying', async () => {
    const { baseUrl, requests } = await fakeOllama((request, response) =>
      answer(response, 200, embeddingsFor(request.body.input)),
    );
    const embedder = new OllamaEmbedder({ baseUrl, model: 'bge-m3', dimensions: 1024 });
    const failure = embedder.embed(['a']);
    await expect(failure).rejects.toBeInstanceOf(OllamaResponseError);
    await expect(failure).rejects.toThrow('returned vectors of 3 dimensions, 1024 expected');
    expect(requests).toHaveLength(1);
  });

  it('reports a refused request (unknown model) with the server message, without retrying', async () => {
    const { baseUrl, requests } = await fakeOllama((_, response) =>
      answer(response, 404, { error: 'model "nope" not found, try pulling it first' }),
    );
    const embedder = new OllamaEmbedder({ baseUrl, model: 'nope', dimensions: 3 });
    await expect(embedder.embed(['a'])).rejects.toThrow(
      new OllamaResponseError(
        'Ollama refused to embed with model nope: HTTP 404 model "nope" not found, try pulling it first',
      ),
    );
    expect(requests).toHaveLength(1);
  });

  it('rejects an answer with a wrong number of embeddings', async () => {
    const { baseUrl } = await fakeOllama((_, response) => answer(response, 200, embeddingsFor(['only one'])));
    const embedder = new OllamaEmbedder({ baseUrl, model: 'm', dimensions: 3 });
    await expect(embedder.embed(['a', 'b'])).rejects.toThrow('returned 1 embeddings for 2 texts');
  });
});

/**
 * A fake Ollama for tests: a real HTTP server on 127.0.0.1 speaking Ollama's protocol, so that the
 * real client code (ChatOllama, OllamaEmbeddings, the `ollama` package) runs unchanged against it.
 *
 * Endpoints:
 * - `POST /api/chat`: NDJSON stream when `stream` is true or absent (chunks `{model, created_at,
 *   message: {role: 'assistant', content}, done: false}`, then `{…, done: true, done_reason: 'stop',
 *   total_duration, eval_count, …}`), one JSON object when `stream: false`. What it answers is the
 *   current `FakeOllamaBehaviour`. Candidate ids are read from the `<offre id="…">` delimiters of the
 *   last user message, as the recommendation prompt writes them.
 * - `POST /api/embed`: `{model, embeddings}`, one deterministic vector per input (hashed bag of
 *   words, L2-normalised: texts sharing words are close), of `embeddingDimension` or the request's
 *   `dimensions`. Its faults are set apart with `setEmbedBehaviour`, so that a test can have the
 *   embedder up and the chat model down.
 * - `GET /api/tags`, `GET /api/version`, `GET /`: what Ollama answers there.
 * - An unknown model gets Ollama's 404 `{"error": "model \"…\" not found, try pulling it first"}`.
 *
 * Every request is recorded with its parsed body and whether the client abandoned it (a cancelled
 * request must close its connection: that is what stops Ollama generating). `close()` ends hanging
 * connections and pending delays, so tests never leak handles.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export type FakeOllamaBehaviour =
  /** Valid JSON choosing `pick(candidateIds)`, by default the first 5 candidates in order. */
  | { kind: 'choose'; pick?: (candidateIds: string[]) => string[] }
  /** Valid JSON mixing ids that are not among the candidates with the first two real ones. */
  | { kind: 'invented' }
  /** A French sentence, not JSON. */
  | { kind: 'garbage' }
  /** Any assistant content, e.g. JSON in code fences or an over-long explanation. */
  | { kind: 'text'; content: string | ((candidateIds: string[]) => string) }
  /** Waits `delayMs` before sending anything, then behaves as `then` (default: choose). */
  | { kind: 'slow'; delayMs: number; then?: FakeOllamaBehaviour }
  /** Never answers; the connection stays open until the client gives up or the fake closes. */
  | { kind: 'hang' }
  /** Sends the status line and a few NDJSON chunks of a valid answer, then destroys the socket. */
  | { kind: 'cut' }
  /** Ollama's error shape `{"error": "…"}` with this status (500, 503 when busy, …). */
  | { kind: 'error'; status: number; message?: string }
  /** The n-th chat request since it was set gets `steps[n]`; the last step repeats. */
  | { kind: 'sequence'; steps: FakeOllamaBehaviour[] };

export type FakeEmbedBehaviour =
  | { kind: 'embed' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' }
  | { kind: 'error'; status: number; message?: string };

export interface FakeOllamaOptions {
  /** Names `/api/tags` lists and chat/embed accept (`name` or `name:latest`). */
  models?: string[];
  embeddingDimension?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The parsed JSON body; `undefined` for a GET or an unparsable body. */
  body: unknown;
  /** The connection closed before the answer was complete: the client gave up, or a `cut`. */
  abandoned: boolean;
}

const ChatMessage = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
});

/** The fields of Ollama's chat request that the fake reads or tests assert on. */
export const OllamaChatRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(ChatMessage),
  stream: z.boolean().optional(),
  format: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  options: z
    .looseObject({
      num_ctx: z.number().int().positive().optional(),
      num_predict: z.number().int().optional(),
      temperature: z.number().optional(),
    })
    .optional(),
  keep_alive: z.union([z.string(), z.number()]).optional(),
});
export type OllamaChatRequest = z.infer<typeof OllamaChatRequest>;

const OllamaEmbedRequest = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string())]),
  dimensions: z.number().int().positive().optional(),
});

export interface FakeOllama {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  requests: RecordedRequest[];
  /** The bodies of the `/api/chat` requests, parsed. */
  chatRequests(): OllamaChatRequest[];
  setBehaviour(behaviour: FakeOllamaBehaviour): void;
  setEmbedBehaviour(behaviour: FakeEmbedBehaviour): void;
  close(): Promise<void>;
}

const DEFAULT_MODELS = ['mixtral:8x7b', 'nomic-embed-text:latest'];
const DEFAULT_EMBEDDING_DIMENSION = 768;
const DEFAULT_PICK_COUNT = 5;
/** Small enough that every answer spans several NDJSON chunks, as a real model's does. */
const CHUNK_CHARS = 24;

export async function startFakeOllama(
  behaviour: FakeOllamaBehaviour,
  options: FakeOllamaOptions = {},
): Promise<FakeOllama> {
  const models = options.models ?? DEFAULT_MODELS;
  const embeddingDimension = options.embeddingDimension ?? DEFAULT_EMBEDDING_DIMENSION;
  let chatBehaviour = behaviour;
  let chatRequestsSinceSet = 0;
  let embedBehaviour: FakeEmbedBehaviour = { kind: 'embed' };
  const requests: RecordedRequest[] = [];
  const pendingDelays = new Set<() => void>();

  /** Resolves false when the client went away first: there is no one left to answer. */
  const delay = (ms: number, response: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      const finish = (elapsed: boolean) => {
        clearTimeout(timer);
        pendingDelays.delete(cancel);
        response.off('close', cancel);
        resolve(elapsed);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      pendingDelays.add(cancel);
      response.on('close', cancel);
    });

  const knows = (model: string) => models.some((name) => name === model || name === `${model}:latest`);

  async function chat(body: OllamaChatRequest, response: ServerResponse, current: FakeOllamaBehaviour) {
    const ids = candidateIdsOf(body);
    switch (current.kind) {
      case 'choose':
        return answer(body, response, chosenAnswer(current.pick?.(ids) ?? ids.slice(0, DEFAULT_PICK_COUNT)));
      case 'invented':
        return answer(
          body,
          response,
          chosenAnswer(['lheo:INVENTEE-1', ...ids.slice(0, 1), 'mcf:0000:99', ...ids.slice(1, 2)]),
        );
      case 'garbage':
        return answer(
          body,
          response,
          'Voici mes recommandations : la première formation semble la plus adaptée.',
        );
      case 'text':
        return answer(
          body,
          response,
          typeof current.content === 'string' ? current.content : current.content(ids),
        );
      case 'slow':
        if (await delay(current.delayMs, response))
          await chat(body, response, current.then ?? { kind: 'choose' });
        return;
      case 'hang':
        return;
      case 'cut':
        return cut(body, response, chosenAnswer(ids.slice(0, DEFAULT_PICK_COUNT)));
      case 'error':
        return sendError(response, current.status, current.message);
      case 'sequence': {
        const step = current.steps[Math.min(chatRequestsSinceSet - 1, current.steps.length - 1)];
        return chat(body, response, step ?? { kind: 'choose' });
      }
    }
  }

  async function cut(body: OllamaChatRequest, response: ServerResponse, content: string) {
    const model = body.model;
    response.writeHead(200, {
      'content-type': body.stream === false ? 'application/json' : 'application/x-ndjson',
    });
    for (const piece of chunksOf(content).slice(0, 3)) {
      response.write(
        `${JSON.stringify({ model, created_at: now(), message: assistant(piece), done: false })}\n`,
      );
    }
    // Let the chunks reach the client before the connection drops, as when Ollama's runner crashes.
    if (await delay(20, response)) response.socket?.destroy();
  }

  async function embed(body: z.infer<typeof OllamaEmbedRequest>, response: ServerResponse) {
    switch (embedBehaviour.kind) {
      case 'hang':
        return;
      case 'error':
        return sendError(response, embedBehaviour.status, embedBehaviour.message);
      case 'slow':
        if (!(await delay(embedBehaviour.delayMs, response))) return;
        break;
      case 'embed':
        break;
    }
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    const dimension = body.dimensions ?? embeddingDimension;
    sendJson(response, 200, {
      model: body.model,
      embeddings: inputs.map((text) => fakeEmbedding(text, dimension)),
      total_duration: 1_000_000,
      load_duration: 100_000,
      prompt_eval_count: inputs.reduce((count, text) => count + Math.ceil(text.length / 4), 0),
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(request);
    const body = parseJson(raw);
    const record: RecordedRequest = { method: request.method ?? 'GET', path, body, abandoned: false };
    requests.push(record);
    response.on('close', () => {
      record.abandoned = !response.writableFinished;
    });

    if (request.method === 'GET' || request.method === 'HEAD') {
      if (path === '/') return sendText(response, 200, 'Ollama is running');
      if (path === '/api/version') return sendJson(response, 200, { version: '0.9.0' });
      if (path === '/api/tags') return sendJson(response, 200, { models: models.map(tagOf) });
    }
    if (request.method === 'POST' && path === '/api/chat') {
      const parsed = OllamaChatRequest.safeParse(body);
      if (!parsed.success) return sendError(response, 400, 'invalid chat request');
      if (!knows(parsed.data.model)) return sendError(response, 404, notFound(parsed.data.model));
      chatRequestsSinceSet++;
      return chat(parsed.data, response, chatBehaviour);
    }
    if (request.method === 'POST' && path === '/api/embed') {
      const parsed = OllamaEmbedRequest.safeParse(body);
      if (!parsed.success) return sendError(response, 400, 'invalid embed request');
      if (!knows(parsed.data.model)) return sendError(response, 404, notFound(parsed.data.model));
      return embed(parsed.data, response);
    }
    return sendText(response, 404, '404 page not found');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    chatRequests: () =>
      requests
        .filter((request) => request.path === '/api/chat')
        .flatMap((request) => {
          const parsed = OllamaChatRequest.safeParse(request.body);
          return parsed.success ? [parsed.data] : [];
        }),
    setBehaviour(next) {
      chatBehaviour = next;
      chatRequestsSinceSet = 0;
    },
    setEmbedBehaviour(next) {
      embedBehaviour = next;
    },
    async close() {
      for (const cancel of [...pendingDelays]) cancel();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };

  function answer(body: OllamaChatRequest, response: ServerResponse, content: string) {
    const stats = {
      done_reason: 'stop',
      total_duration: 2_000_000,
      load_duration: 100_000,
      prompt_eval_count: body.messages.reduce(
        (count, message) => count + Math.ceil(message.content.length / 4),
        0,
      ),
      prompt_eval_duration: 500_000,
      eval_count: Math.ceil(content.length / 4),
      eval_duration: 1_000_000,
    };
    if (body.stream === false) {
      return sendJson(response, 200, {
        model: body.model,
        created_at: now(),
        message: assistant(content),
        done: true,
        ...stats,
      });
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    for (const piece of chunksOf(content)) {
      response.write(
        `${JSON.stringify({ model: body.model, created_at: now(), message: assistant(piece), done: false })}\n`,
      );
    }
    response.end(
      `${JSON.stringify({ model: body.model, created_at: now(), message: assistant(''), done: true, ...stats })}\n`,
    );
  }
}

/** The ids of the candidates as the recommendation prompt delimits them, in prompt order. */
export function candidateIdsOf(body: OllamaChatRequest): string[] {
  const user = body.messages.findLast((message) => message.role === 'user')?.content ?? '';
  return [...user.matchAll(/<offre id="([^"]*)">/g)].flatMap((match) =>
    match[1] === undefined ? [] : [match[1]],
  );
}

function chosenAnswer(offerIds: string[]): string {
  return JSON.stringify({
    suggestions: offerIds.map((offerId, index) => ({
      offerId,
      explanation:
        `Cette offre arrive en position ${index + 1} pour la demande que vous avez formulée. ` +
        'Vous pouvez vérifier avec l’organisme les dates et les modalités d’inscription.',
    })),
  });
}

/**
 * Deterministic, and close for texts that share words: each word adds ±1 to a hashed coordinate
 * (accents and case folded), then the vector is L2-normalised.
 */
export function fakeEmbedding(text: string, dimension: number): number[] {
  const vector = new Float64Array(dimension);
  const words =
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const hash = fnv1a(word);
    const index = hash % dimension;
    vector[index] = (vector[index] ?? 0) + (hash >>> 31 === 1 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) vector[0] = 1;
  return Array.from(vector, (value) => (norm === 0 ? value : value / norm));
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function chunksOf(content: string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < content.length; start += CHUNK_CHARS)
    chunks.push(content.slice(start, start + CHUNK_CHARS));
  return chunks;
}

function assistant(content: string) {
  return { role: 'assistant', content };
}

function tagOf(name: string) {
  return {
    name,
    model: name,
    modified_at: '2026-01-01T00:00:00Z',
    size: 26_000_000_000,
    digest: fnv1a(name).toString(16).padStart(64, '0'),
    details: {
      format: 'gguf',
      family: name.split(':')[0],
      parameter_size: '46.7B',
      quantization_level: 'Q4_0',
    },
  };
}

function notFound(model: string): string {
  return `model "${model}" not found, try pulling it first`;
}

function now(): string {
  return new Date().toISOString();
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, message?: string) {
  sendJson(response, status, {
    error: message ?? (status === 503 ? 'server busy, please try again' : 'internal error'),
  });
}

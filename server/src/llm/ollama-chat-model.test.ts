import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOllama, startFakeOllama } from '../../test/fake-ollama';
import type { ChatCompletionRequest } from './chat-model';
import { OllamaChatModel } from './ollama-chat-model';

const request: ChatCompletionRequest = {
  system: 'Répondez en JSON.',
  user: '<offres>\n<offre id="lheo:A">\nType : formation\n</offre>\n</offres>',
  numCtx: 8192,
  jsonSchema: { type: 'object', properties: { suggestions: { type: 'array' } }, required: ['suggestions'] },
  maxOutputTokens: 864,
};

describe('the Ollama chat model', () => {
  let ollama: FakeOllama;
  let model: OllamaChatModel;

  beforeAll(async () => {
    ollama = await startFakeOllama({ kind: 'choose' });
    model = new OllamaChatModel({ baseUrl: ollama.url, model: 'mixtral:8x7b', keepAlive: '30m' });
  });
  afterAll(() => ollama.close());

  it('posts one streamed chat request with the schema and options, and joins the streamed answer', async () => {
    ollama.setBehaviour({ kind: 'choose' });
    const text = await model.complete(request, new AbortController().signal);
    expect(JSON.parse(text)).toMatchObject({ suggestions: [{ offerId: 'lheo:A' }] });
    const sent = ollama.chatRequests().at(-1);
    expect(sent).toMatchObject({
      model: 'mixtral:8x7b',
      stream: true,
      format: request.jsonSchema,
      keep_alive: '30m',
      options: { num_ctx: 8192, num_predict: 864, temperature: 0 },
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.user },
      ],
    });
    expect(model.name).toBe('mixtral:8x7b');
  });

  it('rejects on an error status, once: no retries of its own', async () => {
    ollama.setBehaviour({ kind: 'error', status: 500 });
    const before = ollama.chatRequests().length;
    await expect(model.complete(request, new AbortController().signal)).rejects.toThrow();
    expect(ollama.chatRequests().length - before).toBe(1);
  });

  it('rejects for a model Ollama does not have', async () => {
    const missing = new OllamaChatModel({ baseUrl: ollama.url, model: 'mistral-inconnu' });
    await expect(missing.complete(request, new AbortController().signal)).rejects.toThrow(/not found/);
  });

  it('cancels its HTTP request when the signal aborts, even before Ollama answers', async () => {
    ollama.setBehaviour({ kind: 'hang' });
    const before = ollama.requests.length;
    const controller = new AbortController();
    const pending = model.complete(request, controller.signal);
    await until(() => ollama.requests.length > before);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await until(() => ollama.requests[before]?.abandoned === true);
  });

  it('rejects when the stream is cut half-way', async () => {
    ollama.setBehaviour({ kind: 'cut' });
    await expect(model.complete(request, new AbortController().signal)).rejects.toThrow();
  });
});

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

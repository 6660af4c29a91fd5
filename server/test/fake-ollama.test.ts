import { OllamaEmbeddings } from '@langchain/ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOllama, fakeEmbedding, startFakeOllama } from './fake-ollama';

const chatBody = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'mixtral:8x7b',
    messages: [{ role: 'user', content: '<offre id="lheo:A">\n</offre>\n<offre id="lheo:B">\n</offre>' }],
    ...overrides,
  });

describe('the fake Ollama', () => {
  let ollama: FakeOllama;
  afterEach(() => ollama.close());

  it('streams NDJSON chunks and a final done chunk with its statistics', async () => {
    ollama = await startFakeOllama({ kind: 'choose', pick: (ids) => ids.reverse() });
    const response = await fetch(`${ollama.url}/api/chat`, { method: 'POST', body: chatBody() });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(0, -1).every((line) => line.done === false && line.message.role === 'assistant')).toBe(
      true,
    );
    expect(lines.at(-1)).toMatchObject({
      model: 'mixtral:8x7b',
      done: true,
      done_reason: 'stop',
      eval_count: expect.any(Number),
    });
    const content = lines.map((line) => line.message.content).join('');
    expect(JSON.parse(content).suggestions.map((s: { offerId: string }) => s.offerId)).toEqual([
      'lheo:B',
      'lheo:A',
    ]);
  });

  it('answers one JSON object when streaming is off', async () => {
    ollama = await startFakeOllama({ kind: 'garbage' });
    const response = await fetch(`${ollama.url}/api/chat`, {
      method: 'POST',
      body: chatBody({ stream: false }),
    });
    expect(await response.json()).toMatchObject({
      done: true,
      message: { role: 'assistant', content: expect.stringMatching(/^Voici/) },
    });
  });

  it('answers errors and unknown models the way Ollama does', async () => {
    ollama = await startFakeOllama({ kind: 'error', status: 503 });
    const busy = await fetch(`${ollama.url}/api/chat`, { method: 'POST', body: chatBody() });
    expect(busy.status).toBe(503);
    expect(await busy.json()).toEqual({ error: 'server busy, please try again' });
    const unknown = await fetch(`${ollama.url}/api/chat`, {
      method: 'POST',
      body: chatBody({ model: 'llama3' }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'model "llama3" not found, try pulling it first' });
  });

  it('lists its models', async () => {
    ollama = await startFakeOllama({ kind: 'choose' }, { models: ['mixtral:8x7b'] });
    const tags = await (await fetch(`${ollama.url}/api/tags`)).json();
    expect(tags.models.map((model: { name: string }) => model.name)).toEqual(['mixtral:8x7b']);
  });

  it('embeds deterministically for the real client, closer for texts sharing words', async () => {
    ollama = await startFakeOllama({ kind: 'hang' }, { embeddingDimension: 64 });
    const embeddings = new OllamaEmbeddings({
      baseUrl: ollama.url,
      model: 'nomic-embed-text',
      maxRetries: 0,
    });
    const [care, careAgain, forklift] = await embeddings.embedDocuments([
      'Formation aide-soignant',
      'aide soignant formation',
      'Conduite de chariot élévateur',
    ]);
    expect(care).toHaveLength(64);
    expect(care).toEqual(careAgain);
    expect(care).toEqual(fakeEmbedding('Formation aide-soignant', 64));
    const cosine = (a: number[] = [], b: number[] = []) =>
      a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
    expect(cosine(care, forklift)).toBeLessThan(cosine(care, careAgain));
    expect(cosine(care, care)).toBeCloseTo(1);
  });

  it('fails embeddings on their own behaviour, whatever the chat does', async () => {
    ollama = await startFakeOllama({ kind: 'choose' });
    ollama.setEmbedBehaviour({ kind: 'error', status: 500 });
    const response = await fetch(`${ollama.url}/api/embed`, {
      method: 'POST',
      body: JSON.stringify({ model: 'nomic-embed-text', input: 'x' }),
    });
    expect(response.status).toBe(500);
  });

  it('closes promptly with hanging and slow requests still open', async () => {
    ollama = await startFakeOllama({ kind: 'hang' });
    const hanging = fetch(`${ollama.url}/api/chat`, { method: 'POST', body: chatBody() }).catch(
      () => 'closed',
    );
    ollama.setEmbedBehaviour({ kind: 'slow', delayMs: 60_000 });
    const slow = fetch(`${ollama.url}/api/embed`, {
      method: 'POST',
      body: JSON.stringify({ model: 'nomic-embed-text', input: 'x' }),
    }).catch(() => 'closed');
    while (ollama.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await ollama.close();
    expect(await hanging).toBe('closed');
    expect(await slow).toBe('closed');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

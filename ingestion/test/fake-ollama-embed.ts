import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fake Ollama embeddings endpoint on 127.0.0.1, speaking `POST /api/embed` as Ollama does
 * (`{model, input}` in, `{model, embeddings}` out), so that the real `OllamaEmbedder` runs unchanged
 * against it, in this process or in a spawned CLI. Vectors are a deterministic hashed bag of words,
 * so two runs over the same texts store the same vectors. `cutAfter(n)` makes it drop the
 * connection, without an answer, of every call after the n-th: an embedder dying mid-run.
 */
export class FakeOllamaEmbed {
  calls = 0;
  private cutAfterCalls = Number.POSITIVE_INFINITY;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly dimensions: number,
  ) {}

  static async start(dimensions = 16): Promise<FakeOllamaEmbed> {
    const http = createServer();
    const fake = new FakeOllamaEmbed(http, dimensions);
    http.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    http.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        fake.calls++;
        if (request.method !== 'POST' || request.url !== '/api/embed') {
          response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
          return;
        }
        if (fake.calls > fake.cutAfterCalls) {
          request.socket.destroy();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; input: string[] };
        const embeddings = body.input.map((text) => hashedBagOfWords(text, dimensions));
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ model: body.model, embeddings }));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Calls after the n-th (counted from now) get their connection cut; `undefined` heals it. */
  cutAfter(calls: number | undefined): void {
    this.cutAfterCalls = calls === undefined ? Number.POSITIVE_INFINITY : this.calls + calls;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function hashedBagOfWords(text: string, dimensions: number): number[] {
  const vector: number[] = Array.from({ length: dimensions }, () => 0);
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    let hash = 2166136261;
    for (const char of word) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
    vector[hash % dimensions] = (vector[hash % dimensions] ?? 0) + 1;
  }
  // Ollama never returns a zero vector: an empty text still gets a direction.
  if (!vector.some((value) => value !== 0)) vector[0] = 1;
  return vector;
}

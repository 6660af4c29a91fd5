import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededUniform } from './seeded-random.js';
import { TfidfSvdEmbedder } from './tfidf-svd-embedder.js';

type Domain = 'health' | 'it' | 'kitchen' | 'accounting' | 'building' | 'logistics';
type JobSheet = { rome: string; label: string; titles: string[]; skills: string[] };

const sheets = JSON.parse(
  readFileSync(new URL('../../test/fixtures/embedding/rome-skills-by-domain.json', import.meta.url), 'utf8'),
) as Record<Domain, JobSheet[]>;

/**
 * Training-like descriptions: a title and four to seven skills of one job sheet, 60 per sheet, shuffled so that
 * no domain comes first (ties would otherwise favour it).
 */
function trainingDescriptions(): { domain: Domain; text: string }[] {
  const random = seededUniform(7);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const documents: { domain: Domain; text: string }[] = [];
  for (const [domain, domainSheets] of Object.entries(sheets) as [Domain, JobSheet[]][]) {
    for (const sheet of domainSheets) {
      for (let i = 0; i < 60; i++) {
        const skills = Array.from({ length: 4 + Math.floor(random() * 4) }, () => pick(sheet.skills));
        documents.push({ domain, text: `Formation ${pick(sheet.titles)}. ${skills.join('. ')}.` });
      }
    }
  }
  for (let i = documents.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [documents[i], documents[j]] = [
      documents[j] as (typeof documents)[number],
      documents[i] as (typeof documents)[number],
    ];
  }
  return documents;
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);
const norm = (v: Float32Array) => Math.sqrt(dot(v, v));

describe('TfidfSvdEmbedder', () => {
  const documents = trainingDescriptions();
  const texts = documents.map((d) => d.text);
  let embedder: TfidfSvdEmbedder;
  let vectors: Float32Array[];

  beforeAll(async () => {
    embedder = TfidfSvdEmbedder.fit(texts, { dimensions: 64, seed: 3 });
    vectors = await embedder.embed(texts);
  });

  /** Domains of the ten documents nearest to the query, which must be clearly similar to them. */
  async function nearestDomains(query: string): Promise<Domain[]> {
    const [q] = await embedder.embed([query]);
    const nearest = vectors
      .map((v, i) => ({ domain: documents[i]?.domain as Domain, similarity: dot(q as Float32Array, v) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 10);
    expect(nearest.at(-1)?.similarity).toBeGreaterThan(0.2);
    return nearest.map((hit) => hit.domain);
  }

  async function meanSimilarity(query: string, domain: Domain): Promise<number> {
    const [q] = await embedder.embed([query]);
    const similarities = vectors
      .filter((_, i) => documents[i]?.domain === domain)
      .map((v) => dot(q as Float32Array, v));
    return similarities.reduce((a, b) => a + b, 0) / similarities.length;
  }

  it('puts a query about care assistants nearer to health-care trainings than to IT ones', async () => {
    expect(await nearestDomains('devenir aide-soignant')).toEqual(Array(10).fill('health'));
    const health = await meanSimilarity('devenir aide-soignant', 'health');
    const it = await meanSimilarity('devenir aide-soignant', 'it');
    expect(health).toBeGreaterThan(it + 0.2);
  });

  it('still finds them with a one-letter typo', async () => {
    expect(await nearestDomains('aide-soignnat')).toEqual(Array(10).fill('health'));
    // The misspelt word alone: only its character n-grams can match.
    expect(await nearestDomains('soignnat')).toEqual(Array(10).fill('health'));
    expect(await nearestDomains('infirnier')).toEqual(Array(10).fill('health'));
    expect(await meanSimilarity('aide-soignnat', 'health')).toBeGreaterThan(
      await meanSimilarity('aide-soignnat', 'it'),
    );
  });

  it('finds IT trainings for an IT query', async () => {
    expect(await nearestDomains('développeuse informatique')).toEqual(Array(10).fill('it'));
  });

  it('gives unit vectors of the requested dimension', () => {
    expect(embedder.dimensions).toBe(64);
    for (const v of vectors) {
      expect(v).toHaveLength(64);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('gives the zero vector to a text with no known word, never NaN', async () => {
    for (const v of await embedder.embed(['', 'le la les', 'zxqwv kbrrt'])) {
      expect(v).toHaveLength(64);
      expect(Array.from(v).every((x) => x === 0)).toBe(true);
    }
  });

  it('is deterministic for a corpus and a seed, and depends on the seed', async () => {
    const again = TfidfSvdEmbedder.fit(texts, { dimensions: 64, seed: 3 });
    expect(again.modelId).toBe(embedder.modelId);
    expect(await again.embed(texts.slice(0, 20))).toEqual(vectors.slice(0, 20));
    expect(TfidfSvdEmbedder.fit(texts, { dimensions: 64, seed: 4 }).modelId).not.toBe(embedder.modelId);
  });

  it('survives serialization with the same modelId and identical vectors', async () => {
    const bytes = embedder.serialize();
    const copy = TfidfSvdEmbedder.deserialize(bytes);
    expect(copy.modelId).toBe(embedder.modelId);
    expect(copy.modelId).toMatch(/^builtin-tfidf-svd\/[0-9a-f]{8}$/);
    expect(copy.dimensions).toBe(64);
    expect(await copy.embed(texts)).toEqual(vectors);
    expect(await copy.embed(['aide-soignnat'])).toEqual(await embedder.embed(['aide-soignnat']));
  });

  it('rejects bytes that are not a model', () => {
    const bytes = embedder.serialize();
    expect(() => TfidfSvdEmbedder.deserialize(bytes.subarray(0, bytes.length - 4))).toThrow(/Truncated/);
    expect(() => TfidfSvdEmbedder.deserialize(new TextEncoder().encode('{"not":"a model"}'))).toThrow(
      /magic/,
    );
  });

  it('fits the default 256 dimensions on 100 documents, the components past 100 being zero', async () => {
    const small = TfidfSvdEmbedder.fit(texts.slice(0, 100));
    expect(small.dimensions).toBe(256);
    for (const v of await small.embed(texts.slice(0, 100))) {
      expect(v).toHaveLength(256);
      expect(norm(v)).toBeCloseTo(1, 5);
      expect(v.subarray(100).every((x) => x === 0)).toBe(true);
    }
  });

  it('refuses a corpus where no feature occurs twice', () => {
    expect(() => TfidfSvdEmbedder.fit(['soudure', 'cuisine'])).toThrow(
      /no word feature occurs in two documents/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { meanMetrics, ndcgAt, precisionAt, queryMetrics, recallAt, reciprocalRank } from './metrics';

const relevant = (...ids: string[]) => new Set(ids);

describe('recall@k', () => {
  it('counts the relevant offers found in the first k', () => {
    expect(recallAt(['a', 'x', 'b', 'y'], relevant('a', 'b', 'c', 'd'), 3)).toBeCloseTo(2 / 3);
    expect(recallAt(['x', 'y', 'a'], relevant('a', 'b'), 2)).toBe(0);
  });

  it('is 1 for a perfect list even when more offers are relevant than fit in k', () => {
    expect(recallAt(['a', 'b'], relevant('a', 'b', 'c'), 2)).toBe(1);
  });

  it('is 1 when the only relevant offer is anywhere in the first k', () => {
    expect(recallAt(['x', 'y', 'a'], relevant('a'), 3)).toBe(1);
  });
});

describe('precision@k', () => {
  it('divides by k, so a short list is not excused', () => {
    expect(precisionAt(['a', 'x'], relevant('a', 'b'), 10)).toBe(0.1);
    expect(precisionAt(['a', 'b', 'x', 'y'], relevant('a', 'b'), 4)).toBe(0.5);
  });
});

describe('nDCG@k', () => {
  it('is 1 for relevant offers ranked first', () => {
    expect(ndcgAt(['a', 'b', 'x'], relevant('a', 'b'), 10)).toBe(1);
  });

  it('discounts a relevant offer by log2 of its rank + 1', () => {
    // One relevant offer at rank 3: (1 / log2 4) / (1 / log2 2) = 0.5.
    expect(ndcgAt(['x', 'y', 'a'], relevant('a'), 10)).toBeCloseTo(0.5);
    // Ranks 1 and 3 of two relevant: (1 + 0.5) / (1 + 1 / log2 3).
    expect(ndcgAt(['a', 'x', 'b'], relevant('a', 'b'), 10)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)));
  });

  it('ignores what lies beyond k', () => {
    expect(ndcgAt(['x', 'y', 'a'], relevant('a'), 2)).toBe(0);
  });
});

describe('reciprocal rank and means', () => {
  it('takes the first relevant offer', () => {
    expect(reciprocalRank(['x', 'a', 'b'], relevant('a', 'b'))).toBe(0.5);
    expect(reciprocalRank(['x', 'y'], relevant('a'))).toBe(0);
  });

  it('averages every metric over queries', () => {
    const perfect = queryMetrics(['a'], relevant('a'));
    const missed = queryMetrics(['x'], relevant('a'));
    expect(perfect).toEqual({ recallAt10: 1, precisionAt10: 0.1, ndcgAt10: 1, reciprocalRank: 1 });
    expect(meanMetrics([perfect, missed])).toEqual({
      recallAt10: 0.5,
      precisionAt10: 0.05,
      ndcgAt10: 0.5,
      reciprocalRank: 0.5,
    });
    expect(meanMetrics([]).recallAt10).toBe(0);
  });
});

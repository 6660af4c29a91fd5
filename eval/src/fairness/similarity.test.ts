import { describe, expect, it } from 'vitest';
import { jaccardAtK, rbo, std } from './similarity';

describe('jaccardAtK', () => {
  it('is 1 for the same set in any order and 0 for disjoint lists', () => {
    expect(jaccardAtK(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(1);
    expect(jaccardAtK(['a'], ['b'])).toBe(0);
    expect(jaccardAtK(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
  });
});

describe('rbo', () => {
  it('is 1 for identical lists, lower when the order changes, 0 when disjoint', () => {
    expect(rbo(['a', 'b', 'c'], ['a', 'b', 'c'], 0.9, 3)).toBeCloseTo(1);
    const swapped = rbo(['a', 'b', 'c'], ['b', 'a', 'c'], 0.9, 3);
    expect(swapped).toBeLessThan(1);
    expect(swapped).toBeGreaterThan(0.5);
    expect(rbo(['a', 'b'], ['c', 'd'], 0.9, 2)).toBe(0);
  });
});

describe('std', () => {
  it('is the population standard deviation', () => {
    expect(std([1, 3])).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { createRandom, WeightedPicker, weightedChoice } from './random';

function draws(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and another one for another seed', () => {
    expect(draws(42, 20)).toEqual(draws(42, 20));
    expect(draws(43, 20)).not.toEqual(draws(42, 20));
  });

  it('draws uniformly in [0, 1)', () => {
    const values = draws(7, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('keeps integers within both bounds and reaches each of them', () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(random.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('derives forks from the seed and the label, whatever the parent has drawn', () => {
    const untouched = createRandom(5);
    const used = createRandom(5);
    for (let i = 0; i < 100; i++) used.next();
    expect(used.fork('lheo').next()).toBe(untouched.fork('lheo').next());
    expect(untouched.fork('mcf').next()).not.toBe(createRandom(5).fork('lheo').next());
  });

  it('samples distinct items, all of them when asked for more', () => {
    const random = createRandom(9);
    const sample = random.sample([1, 2, 3, 4, 5, 6, 7, 8], 5);
    expect(new Set(sample).size).toBe(5);
    expect(random.sample(['a', 'b'], 10).sort()).toEqual(['a', 'b']);
  });
});

describe('weighted draws', () => {
  it('draws in proportion to the weights and never a zero weight', () => {
    const random = createRandom(11);
    const picker = new WeightedPicker(['rare', 'never', 'common'], (item) =>
      item === 'common' ? 9 : item === 'rare' ? 1 : 0,
    );
    const counts = { rare: 0, never: 0, common: 0 };
    for (let i = 0; i < 10_000; i++) counts[picker.pick(random) as keyof typeof counts]++;
    expect(counts.never).toBe(0);
    expect(counts.common / 10_000).toBeGreaterThan(0.87);
    expect(counts.common / 10_000).toBeLessThan(0.93);
  });

  it('refuses a list whose weights are all zero', () => {
    expect(() => new WeightedPicker(['a'], () => 0)).toThrow();
  });

  it('weightedChoice follows its weights', () => {
    const random = createRandom(3);
    let ones = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        weightedChoice(random, [
          ['one', 3],
          ['other', 1],
        ] as const) === 'one'
      )
        ones++;
    expect(ones / 10_000).toBeGreaterThan(0.72);
    expect(ones / 10_000).toBeLessThan(0.78);
  });
});

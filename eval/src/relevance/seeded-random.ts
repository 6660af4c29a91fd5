/** A small seeded generator (mulberry32): the relevance set must be the same on every run and machine. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  pick<T>(items: readonly T[]): T;
  /** An item drawn with probability proportional to its weight, through cumulative weights. */
  pickWeighted<T>(items: readonly T[], cumulativeWeights: readonly number[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick(items) {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('cannot pick from an empty list');
      return item;
    },
    pickWeighted(items, cumulativeWeights) {
      const total = cumulativeWeights.at(-1) ?? 0;
      const target = next() * total;
      let low = 0;
      let high = cumulativeWeights.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulativeWeights[middle] ?? 0) > target) high = middle;
        else low = middle + 1;
      }
      const item = items[low];
      if (item === undefined) throw new Error('cannot pick from an empty list');
      return item;
    },
  };
}

export function cumulativeSums(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((weight) => {
    sum += weight;
    return sum;
  });
}

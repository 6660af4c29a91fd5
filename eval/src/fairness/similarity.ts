/** Jaccard similarity of two top-k lists (as sets); two empty lists are identical. */
export function jaccardAtK(a: readonly string[], b: readonly string[], k = 10): number {
  const left = new Set(a.slice(0, k));
  const right = new Set(b.slice(0, k));
  const union = new Set([...left, ...right]);
  if (union.size === 0) return 1;
  let shared = 0;
  for (const id of left) if (right.has(id)) shared++;
  return shared / union.size;
}

/**
 * Rank-biased overlap (Webber et al. 2010), truncated at depth k and normalised so that two
 * identical lists score 1 (down to the longer list's length, for lists shorter than k): the agreement at each depth d, weighted by p^(d-1).
 */
export function rbo(a: readonly string[], b: readonly string[], p = 0.9, k = 10): number {
  if (a.length === 0 && b.length === 0) return 1;
  const depthLimit = Math.min(k, Math.max(a.length, b.length));
  const seenA = new Set<string>();
  const seenB = new Set<string>();
  let overlap = 0;
  let score = 0;
  let weights = 0;
  for (let depth = 1; depth <= depthLimit; depth++) {
    const x = a[depth - 1];
    const y = b[depth - 1];
    if (x !== undefined) {
      if (seenB.has(x)) overlap++;
      seenA.add(x);
    }
    if (y !== undefined) {
      if (seenA.has(y)) overlap++;
      seenB.add(y);
    }
    const weight = p ** (depth - 1);
    score += weight * (overlap / depth);
    weights += weight;
  }
  return score / weights;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Population standard deviation. */
export function std(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - m) ** 2)));
}

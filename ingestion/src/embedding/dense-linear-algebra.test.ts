import { describe, expect, it } from 'vitest';
import { gramOfColumns, orthonormalizeColumns, symmetricEigen, transpose } from './dense-linear-algebra.js';
import { fillGaussian, seededUniform } from './seeded-random.js';

function gaussian(length: number, seed: number): Float64Array {
  const values = new Float64Array(length);
  fillGaussian(values, seededUniform(seed));
  return values;
}

/** (Column-major length × count)ᵀ · itself, computed naively. */
function naiveGram(columnMajor: Float64Array, length: number, count: number): number[][] {
  return Array.from({ length: count }, (_, a) =>
    Array.from({ length: count }, (_, b) => {
      let sum = 0;
      for (let t = 0; t < length; t++)
        sum += (columnMajor[a * length + t] as number) * (columnMajor[b * length + t] as number);
      return sum;
    }),
  );
}

describe('transpose', () => {
  it('swaps rows and columns', () => {
    expect(Array.from(transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe('gramOfColumns', () => {
  it('matches the naive product for any number of columns', () => {
    for (const count of [1, 3, 6, 9]) {
      const matrix = gaussian(13 * count, count);
      const gram = gramOfColumns(matrix, 13, count);
      const expected = naiveGram(matrix, 13, count);
      for (let a = 0; a < count; a++) {
        for (let b = 0; b < count; b++)
          expect(gram[a * count + b]).toBeCloseTo(expected[a]?.[b] as number, 12);
      }
    }
  });
});

describe('orthonormalizeColumns', () => {
  it('gives orthonormal columns spanning the same space', () => {
    const length = 50;
    const count = 7;
    const original = gaussian(length * count, 1);
    const q = original.slice();
    orthonormalizeColumns(q, length, count);
    const gram = naiveGram(q, length, count);
    for (let a = 0; a < count; a++) {
      for (let b = 0; b < count; b++) expect(gram[a]?.[b]).toBeCloseTo(a === b ? 1 : 0, 12);
    }
    // Each original column is its own projection on the span of Q.
    for (let a = 0; a < count; a++) {
      const column = original.subarray(a * length, (a + 1) * length);
      const projected = new Float64Array(length);
      for (let b = 0; b < count; b++) {
        const qb = q.subarray(b * length, (b + 1) * length);
        const coefficient = qb.reduce((sum, x, t) => sum + x * (column[t] as number), 0);
        qb.forEach((x, t) => {
          projected[t] = (projected[t] as number) + coefficient * x;
        });
      }
      projected.forEach((x, t) => {
        expect(x).toBeCloseTo(column[t] as number, 10);
      });
    }
  });

  it('turns a column that depends on the previous ones into zeros', () => {
    const length = 20;
    const matrix = new Float64Array(length * 3);
    matrix.set(gaussian(length * 2, 2));
    for (let t = 0; t < length; t++)
      matrix[2 * length + t] = 2 * (matrix[t] as number) - (matrix[length + t] as number);
    orthonormalizeColumns(matrix, length, 3);
    expect(matrix.subarray(2 * length).every((x) => x === 0)).toBe(true);
    expect(naiveGram(matrix, length, 2)[1]?.[1]).toBeCloseTo(1, 12);
  });
});

describe('symmetricEigen', () => {
  it('decomposes a symmetric matrix: A·v = λ·v, orthonormal vectors, values descending', () => {
    const size = 12;
    const x = gaussian(size * 30, 3);
    const matrix = gramOfColumns(x, 30, size);
    const { values, vectors } = symmetricEigen(matrix, size);
    for (let j = 0; j < size; j++) {
      if (j > 0) expect(values[j]).toBeLessThanOrEqual(values[j - 1] as number);
      for (let r = 0; r < size; r++) {
        let av = 0;
        for (let k = 0; k < size; k++)
          av += (matrix[r * size + k] as number) * (vectors[k * size + j] as number);
        expect(av).toBeCloseTo((values[j] as number) * (vectors[r * size + j] as number), 9);
      }
      for (let i = 0; i < size; i++) {
        let product = 0;
        for (let r = 0; r < size; r++)
          product += (vectors[r * size + i] as number) * (vectors[r * size + j] as number);
        expect(product).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('finds the known eigenvalues of a small matrix', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1.
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
  });
});

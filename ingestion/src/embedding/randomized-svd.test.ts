import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense-linear-algebra.js';
import { randomizedSvd } from './randomized-svd.js';
import { seededUniform } from './seeded-random.js';
import type { CsrMatrix } from './sparse-matrix.js';

/** A sparse rows × columns matrix whose spectrum decays, as a TF-IDF matrix's does. */
function sparseMatrix(rows: number, columns: number, seed: number, rank = columns): CsrMatrix {
  const random = seededUniform(seed);
  const factors = Array.from({ length: rank }, (_, k) =>
    Array.from({ length: columns }, () => (random() < 0.3 ? (random() - 0.5) / (k + 1) : 0)),
  );
  const dense = Array.from({ length: rows }, () => {
    const weights = factors.map(() => random() - 0.5);
    return Array.from({ length: columns }, (_, c) =>
      factors.reduce((sum, factor, k) => sum + (weights[k] as number) * (factor[c] as number), 0),
    );
  });
  const rowStart = new Int32Array(rows + 1);
  const columnIndex: number[] = [];
  const values: number[] = [];
  dense.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== 0) {
        columnIndex.push(c);
        values.push(value);
      }
    });
    rowStart[r + 1] = columnIndex.length;
  });
  return {
    rows,
    columns,
    rowStart,
    columnIndex: Int32Array.from(columnIndex),
    values: Float64Array.from(values),
  };
}

/** Exact singular values and right singular vectors, from the eigen-decomposition of AᵀA. */
function exactSvd(matrix: CsrMatrix): { values: number[]; vectors: Float64Array } {
  const n = matrix.columns;
  const ata = new Float64Array(n * n);
  for (let r = 0; r < matrix.rows; r++) {
    for (let p = matrix.rowStart[r] as number; p < (matrix.rowStart[r + 1] as number); p++) {
      for (let q = matrix.rowStart[r] as number; q < (matrix.rowStart[r + 1] as number); q++) {
        const i = (matrix.columnIndex[p] as number) * n + (matrix.columnIndex[q] as number);
        ata[i] = (ata[i] as number) + (matrix.values[p] as number) * (matrix.values[q] as number);
      }
    }
  }
  const { values, vectors } = symmetricEigen(ata, n);
  return { values: Array.from(values, (v) => Math.sqrt(Math.max(v, 0))), vectors };
}

describe('randomizedSvd', () => {
  it('finds the leading singular values and right singular vectors', () => {
    const matrix = sparseMatrix(120, 40, 1);
    const exact = exactSvd(matrix);
    const { singularValues, rightVectors } = randomizedSvd(matrix, { components: 5, seed: 9 });
    for (let c = 0; c < 5; c++) {
      expect(singularValues[c] as number).toBeCloseTo(exact.values[c] as number, 6);
      // Singular vectors are defined up to their sign.
      let cosine = 0;
      for (let f = 0; f < 40; f++)
        cosine += (rightVectors[f * 5 + c] as number) * (exact.vectors[f * 40 + c] as number);
      expect(Math.abs(cosine)).toBeCloseTo(1, 6);
    }
  });

  it('returns zero for the components a low-rank matrix does not have', () => {
    const matrix = sparseMatrix(30, 20, 2, 3);
    const { singularValues, rightVectors } = randomizedSvd(matrix, { components: 6, seed: 1 });
    expect(Array.from(singularValues.subarray(0, 3)).every((value) => value > 0)).toBe(true);
    expect(Array.from(singularValues.subarray(3))).toEqual([0, 0, 0]);
    for (let f = 0; f < 20; f++) {
      expect(Array.from(rightVectors.subarray(f * 6 + 3, f * 6 + 6))).toEqual([0, 0, 0]);
    }
  });

  it('is reproducible for a seed', () => {
    const matrix = sparseMatrix(60, 30, 3);
    const first = randomizedSvd(matrix, { components: 4, seed: 5 });
    expect(randomizedSvd(matrix, { components: 4, seed: 5 })).toEqual(first);
  });
});

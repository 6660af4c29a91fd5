import { describe, expect, it } from 'vitest';
import { seededUniform } from './seeded-random.js';
import { type CsrMatrix, transposeCsr } from './sparse-matrix.js';
import { SparseProducts } from './sparse-products.js';

function randomSparse(rows: number, columns: number, density: number, seed: number): CsrMatrix {
  const random = seededUniform(seed);
  const rowStart = new Int32Array(rows + 1);
  const columnIndex: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (random() < density) {
        columnIndex.push(c);
        values.push(random() - 0.5);
      }
    }
    rowStart[r + 1] = columnIndex.length;
  }
  return {
    rows,
    columns,
    rowStart,
    columnIndex: Int32Array.from(columnIndex),
    values: Float64Array.from(values),
  };
}

function toDense(matrix: CsrMatrix): number[][] {
  const dense = Array.from({ length: matrix.rows }, () => new Array<number>(matrix.columns).fill(0));
  for (let r = 0; r < matrix.rows; r++) {
    for (let p = matrix.rowStart[r] as number; p < (matrix.rowStart[r + 1] as number); p++) {
      (dense[r] as number[])[matrix.columnIndex[p] as number] = matrix.values[p] as number;
    }
  }
  return dense;
}

function naiveProduct(matrix: CsrMatrix, dense: Float64Array, width: number): number[] {
  const rows = toDense(matrix);
  return rows.flatMap((row) =>
    Array.from({ length: width }, (_, t) =>
      row.reduce((sum, value, c) => sum + value * (dense[c * width + t] as number), 0),
    ),
  );
}

describe('transposeCsr', () => {
  it('transposes', () => {
    const matrix = randomSparse(17, 11, 0.3, 1);
    const dense = toDense(matrix);
    expect(toDense(transposeCsr(matrix))).toEqual(dense[0]?.map((_, c) => dense.map((row) => row[c])));
  });
});

describe('SparseProducts', () => {
  const matrix = randomSparse(300, 120, 0.1, 2);
  const transposed = transposeCsr(matrix);
  const width = 13;
  const random = seededUniform(3);
  const featureSide = Float64Array.from({ length: 120 * width }, () => random() - 0.5);
  const documentSide = Float64Array.from({ length: 300 * width }, () => random() - 0.5);

  it('multiplies a sparse matrix and its transpose by dense matrices', () => {
    const products = SparseProducts.start([matrix, transposed], width, 1);
    const expectProduct = (actual: Float64Array, expected: number[]) => {
      expect(actual).toHaveLength(expected.length);
      actual.forEach((x, i) => {
        expect(x).toBeCloseTo(expected[i] as number, 12);
      });
    };
    expectProduct(products.multiply(0, featureSide, width), naiveProduct(matrix, featureSide, width));
    expectProduct(products.multiply(1, documentSide, width), naiveProduct(transposed, documentSide, width));
    products.close();
  });

  it('gives exactly the same results on worker threads, for any width up to the maximum', () => {
    const alone = SparseProducts.start([matrix, transposed], width, 1);
    const team = SparseProducts.start([matrix, transposed], width, 3);
    try {
      expect(team.threads).toBe(3);
      for (const w of [width, 5]) {
        expect(team.multiply(0, featureSide, w)).toEqual(alone.multiply(0, featureSide, w));
        expect(team.multiply(1, documentSide, w)).toEqual(alone.multiply(1, documentSide, w));
      }
    } finally {
      team.close();
      alone.close();
    }
  });
});

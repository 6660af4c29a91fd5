import { gramOfColumns, orthonormalizeColumns, symmetricEigen, transpose } from './dense-linear-algebra.js';
import { fillGaussian, seededUniform } from './seeded-random.js';
import { type CsrMatrix, transposeCsr } from './sparse-matrix.js';
import { SparseProducts } from './sparse-products.js';

export interface RandomizedSvdOptions {
  components: number;
  seed: number;
  /** Extra random directions that make the leading components accurate (Halko et al. suggest 5-20). */
  oversampling?: number;
  powerIterations?: number;
  /** Threads for the sparse products, the calling one included (default 1). */
  threads?: number;
}

// Below this many multiply-adds per sparse product, starting worker threads costs more than it saves.
const MIN_PARALLEL_WORK = 100_000_000;

export interface TruncatedSvd {
  /** Row-major columns × components: the leading right singular vectors; a missing component is zero. */
  readonly rightVectors: Float64Array;
  /** Descending; zero for a missing component. */
  readonly singularValues: Float64Array;
}

/**
 * Leading right singular vectors of a sparse matrix A, by the randomized range finder of Halko, Martinsson and
 * Tropp (2011) applied to Aᵀ: Q spans (AᵀA)^q·Aᵀ·Ω for a Gaussian Ω, orthonormalised (modified Gram-Schmidt)
 * after every multiplication by AᵀA; then Rayleigh-Ritz on span(Q): the eigen-decomposition (Jacobi) of
 * (AQ)ᵀ(AQ) = B·Bᵀ with B = Qᵀ·Aᵀ. Working on Aᵀ keeps every orthonormalisation on the feature side, usually
 * the smaller one.
 *
 * Components beyond the rank the corpus supports (fewer documents or features than requested components, or
 * a numerically null singular value) are returned as zero vectors.
 */
export function randomizedSvd(matrix: CsrMatrix, options: RandomizedSvdOptions): TruncatedSvd {
  const { components, seed } = options;
  const oversampling = options.oversampling ?? 10;
  const powerIterations = options.powerIterations ?? 2;
  const features = matrix.columns;
  const sketchWidth = Math.min(components + oversampling, matrix.rows, features);
  const work = (matrix.rowStart[matrix.rows] as number) * sketchWidth;
  const threads = work >= MIN_PARALLEL_WORK ? (options.threads ?? 1) : 1;
  const products = SparseProducts.start([matrix, transposeCsr(matrix)], sketchWidth, threads);
  const timesMatrix = (dense: Float64Array) => products.multiply(0, dense, sketchWidth);
  const timesTransposed = (dense: Float64Array) => products.multiply(1, dense, sketchWidth);

  let basis: Float64Array;
  let image: Float64Array;
  try {
    const omega = new Float64Array(matrix.rows * sketchWidth);
    fillGaussian(omega, seededUniform(seed));
    let sketch = timesTransposed(omega);
    for (let i = 0; i < powerIterations; i++) {
      // Orthonormalising keeps the columns from all collapsing onto the leading singular vectors. The first
      // sketch is spared: random Gaussian combinations of the documents are already well conditioned.
      sketch = timesTransposed(
        timesMatrix(i === 0 ? sketch : orthonormalRows(sketch, features, sketchWidth)),
      );
    }
    basis = orthonormalRows(sketch, features, sketchWidth);
    image = timesMatrix(basis);
  } finally {
    products.close();
  }
  const eigen = symmetricEigen(
    gramOfColumns(transpose(image, matrix.rows, sketchWidth), matrix.rows, sketchWidth),
    sketchWidth,
  );

  const kept = Math.min(components, sketchWidth);
  const largest = Math.sqrt(Math.max(eigen.values[0] ?? 0, 0));
  const singularValues = new Float64Array(components);
  for (let c = 0; c < kept; c++) {
    const value = Math.sqrt(Math.max(eigen.values[c] ?? 0, 0));
    // Below this the "component" is rounding noise, not a direction of the corpus.
    singularValues[c] = value > 1e-9 * largest ? value : 0;
  }
  return {
    rightVectors: ritzVectors(basis, eigen.vectors, features, sketchWidth, singularValues),
    singularValues,
  };
}

/** Orthonormalises the columns of a row-major matrix and returns it row-major. */
function orthonormalRows(matrix: Float64Array, rows: number, columns: number): Float64Array {
  const columnMajor = transpose(matrix, rows, columns);
  orthonormalizeColumns(columnMajor, rows, columns);
  return transpose(columnMajor, columns, rows);
}

/**
 * basis (row-major rows × width) · the leading eigenvectors, skipping components with no singular value. Four
 * basis columns are folded per pass over an output row, as in the sparse product.
 */
function ritzVectors(
  basis: Float64Array,
  eigenvectors: Float64Array,
  rows: number,
  width: number,
  singularValues: Float64Array,
): Float64Array {
  const components = singularValues.length;
  const out = new Float64Array(rows * components);
  const firstMissing = singularValues.indexOf(0);
  const used = firstMissing < 0 ? components : firstMissing;
  for (let r = 0; r < rows; r++) {
    const o = r * components;
    const b = r * width;
    let a = 0;
    for (; a + 3 < width; a += 4) {
      const x0 = basis[b + a] as number;
      const x1 = basis[b + a + 1] as number;
      const x2 = basis[b + a + 2] as number;
      const x3 = basis[b + a + 3] as number;
      const e0 = a * width;
      const e1 = e0 + width;
      const e2 = e1 + width;
      const e3 = e2 + width;
      for (let c = 0; c < used; c++) {
        out[o + c] =
          (out[o + c] as number) +
          x0 * (eigenvectors[e0 + c] as number) +
          x1 * (eigenvectors[e1 + c] as number) +
          x2 * (eigenvectors[e2 + c] as number) +
          x3 * (eigenvectors[e3 + c] as number);
      }
    }
    for (; a < width; a++) {
      const x = basis[b + a] as number;
      const e = a * width;
      for (let c = 0; c < used; c++)
        out[o + c] = (out[o + c] as number) + x * (eigenvectors[e + c] as number);
    }
  }
  return out;
}

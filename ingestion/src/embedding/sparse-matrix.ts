/** Compressed sparse rows: row i's entries are at positions rowStart[i] to rowStart[i + 1] - 1. */
export interface CsrMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly rowStart: Int32Array;
  readonly columnIndex: Int32Array;
  readonly values: Float64Array;
}

export function transposeCsr(matrix: CsrMatrix): CsrMatrix {
  const { rows, columns, rowStart, columnIndex, values } = matrix;
  const nonZeros = rowStart[rows] ?? 0;
  const transposedStart = new Int32Array(columns + 1);
  for (let p = 0; p < nonZeros; p++) {
    const c = columnIndex[p] as number;
    transposedStart[c + 1] = (transposedStart[c + 1] as number) + 1;
  }
  for (let c = 0; c < columns; c++) {
    transposedStart[c + 1] = (transposedStart[c + 1] as number) + (transposedStart[c] as number);
  }
  const next = transposedStart.slice(0, columns);
  const transposedIndex = new Int32Array(nonZeros);
  const transposedValues = new Float64Array(nonZeros);
  for (let r = 0; r < rows; r++) {
    const end = rowStart[r + 1] as number;
    for (let p = rowStart[r] as number; p < end; p++) {
      const c = columnIndex[p] as number;
      const q = next[c] as number;
      next[c] = q + 1;
      transposedIndex[q] = r;
      transposedValues[q] = values[p] as number;
    }
  }
  return {
    rows: columns,
    columns: rows,
    rowStart: transposedStart,
    columnIndex: transposedIndex,
    values: transposedValues,
  };
}

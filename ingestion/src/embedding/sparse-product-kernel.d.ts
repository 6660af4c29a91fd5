import type { CsrMatrix } from './sparse-matrix.js';

export declare const CONTROL: Readonly<{
  JOB: number;
  DONE: number;
  READY: number;
  STOP: number;
  MATRIX: number;
  WIDTH: number;
  ROW_FROM: number;
  ROW_TO: number;
  LENGTH: number;
}>;

export declare function multiplyCsrRows(
  matrix: Pick<CsrMatrix, 'rowStart' | 'columnIndex' | 'values'>,
  dense: Float64Array,
  width: number,
  out: Float64Array,
  rowFrom: number,
  rowTo: number,
): void;

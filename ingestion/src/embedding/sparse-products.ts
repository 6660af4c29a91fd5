import { Worker } from 'node:worker_threads';
import type { CsrMatrix } from './sparse-matrix.js';
import { CONTROL, multiplyCsrRows } from './sparse-product-kernel.js';

// A worker that is not waiting for jobs by then never will be (its script failed to load): work alone.
const WORKER_START_TIMEOUT_MS = 10_000;

interface Team {
  /** Shared-memory copies of the matrices, and of the dense operands and results of each. */
  readonly matrices: CsrMatrix[];
  readonly inputs: Float64Array[];
  readonly outputs: Float64Array[];
  readonly workers: { worker: Worker; control: Int32Array }[];
  /** Per matrix, threads + 1 row boundaries; the calling thread takes the first part. */
  readonly parts: Int32Array[];
}

/**
 * Sparse × dense products, split by rows between the calling thread and worker threads when more than one
 * thread is asked for. The work stays synchronous: matrices and dense operands live in shared memory and the
 * threads coordinate through Atomics, so the caller needs no event-loop turn. Each output row is computed by
 * exactly one thread with the same arithmetic as alone, so results do not depend on the number of threads.
 *
 * Call `close()` when done, to let the workers exit.
 */
export class SparseProducts {
  /** Threads actually at work, the calling one included: 1 when workers were not asked for or could not start. */
  readonly threads: number;

  private constructor(
    private readonly matrices: readonly CsrMatrix[],
    private readonly team: Team | undefined,
  ) {
    this.threads = (team?.workers.length ?? 0) + 1;
  }

  /** For dense operands of at most `maxWidth` columns, on `threads` threads counting the calling one. */
  static start(matrices: readonly CsrMatrix[], maxWidth: number, threads: number): SparseProducts {
    return new SparseProducts(matrices, threads > 1 ? startTeam(matrices, maxWidth, threads) : undefined);
  }

  /** matrices[which] × dense (row-major, `width` columns), row-major. */
  multiply(which: number, dense: Float64Array, width: number): Float64Array {
    if (this.team === undefined) {
      const matrix = this.matrices[which] as CsrMatrix;
      const out = new Float64Array(matrix.rows * width);
      multiplyCsrRows(matrix, dense, width, out, 0, matrix.rows);
      return out;
    }
    const { workers } = this.team;
    const matrix = this.team.matrices[which] as CsrMatrix;
    const input = this.team.inputs[which] as Float64Array;
    const output = this.team.outputs[which] as Float64Array;
    const parts = this.team.parts[which] as Int32Array;
    input.set(dense.subarray(0, matrix.columns * width));
    const jobs = workers.map(({ control }, i) => {
      control[CONTROL.MATRIX] = which;
      control[CONTROL.WIDTH] = width;
      control[CONTROL.ROW_FROM] = parts[i + 1] as number;
      control[CONTROL.ROW_TO] = parts[i + 2] as number;
      const job = Atomics.add(control, CONTROL.JOB, 1) + 1;
      Atomics.notify(control, CONTROL.JOB);
      return job;
    });
    multiplyCsrRows(matrix, input, width, output, parts[0] as number, parts[1] as number);
    workers.forEach(({ control }, i) => {
      for (;;) {
        const done = Atomics.load(control, CONTROL.DONE);
        if (done === jobs[i]) break;
        Atomics.wait(control, CONTROL.DONE, done);
      }
    });
    return output.slice(0, matrix.rows * width);
  }

  close(): void {
    for (const { control } of this.team?.workers ?? []) {
      Atomics.store(control, CONTROL.STOP, 1);
      Atomics.add(control, CONTROL.JOB, 1);
      Atomics.notify(control, CONTROL.JOB);
    }
  }
}

/** A team of workers sharing the operands, or undefined when the workers cannot start. */
function startTeam(matrices: readonly CsrMatrix[], maxWidth: number, threads: number): Team | undefined {
  const shared = matrices.map(toSharedMemory);
  const inputs = shared.map((m) => sharedFloat64(m.columns * maxWidth));
  const outputs = shared.map((m) => sharedFloat64(m.rows * maxWidth));
  const workers: { worker: Worker; control: Int32Array }[] = [];
  for (let i = 1; i < threads; i++) {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL.LENGTH * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(new URL('./sparse-product-worker.js', import.meta.url), {
      workerData: { control, matrices: shared, inputs, outputs },
    });
    // A worker blocked in Atomics.wait must never keep the process alive.
    worker.unref();
    // A worker that fails to start is caught by the start timeout below; without a listener its error would
    // be thrown on the event loop.
    worker.on('error', () => {});
    workers.push({ worker, control });
  }
  const deadline = Date.now() + WORKER_START_TIMEOUT_MS;
  for (const { control } of workers) {
    while (Atomics.load(control, CONTROL.READY) !== 1) {
      const left = deadline - Date.now();
      if (left <= 0) {
        for (const { worker } of workers) void worker.terminate();
        return undefined;
      }
      Atomics.wait(control, CONTROL.READY, 0, left);
    }
  }
  const parts = shared.map((m) => balancedRowParts(m, threads));
  return { matrices: shared, inputs, outputs, workers, parts };
}

/** Row boundaries giving each part about the same work (one unit per row plus one per stored entry). */
function balancedRowParts(matrix: CsrMatrix, count: number): Int32Array {
  const parts = new Int32Array(count + 1);
  const total = matrix.rows + (matrix.rowStart[matrix.rows] as number);
  let row = 0;
  for (let part = 1; part < count; part++) {
    const target = (total * part) / count;
    while (row < matrix.rows && row + (matrix.rowStart[row] as number) < target) row++;
    parts[part] = row;
  }
  parts[count] = matrix.rows;
  return parts;
}

function toSharedMemory(matrix: CsrMatrix): CsrMatrix {
  const rowStart = new Int32Array(new SharedArrayBuffer(matrix.rowStart.byteLength));
  rowStart.set(matrix.rowStart);
  const columnIndex = new Int32Array(new SharedArrayBuffer(matrix.columnIndex.byteLength));
  columnIndex.set(matrix.columnIndex);
  const values = sharedFloat64(matrix.values.length);
  values.set(matrix.values);
  return { rows: matrix.rows, columns: matrix.columns, rowStart, columnIndex, values };
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

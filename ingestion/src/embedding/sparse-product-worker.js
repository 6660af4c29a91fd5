// Worker side of ParallelSparseProducts (parallel-sparse-products.ts): waits for a job number on its control
// array, multiplies the rows it is given, reports the job number, and repeats until asked to stop.
import { workerData } from 'node:worker_threads';
import { CONTROL, multiplyCsrRows } from './sparse-product-kernel.js';

/** @type {{ control: Int32Array, matrices: { rowStart: Int32Array, columnIndex: Int32Array, values: Float64Array }[], inputs: Float64Array[], outputs: Float64Array[] }} */
const { control, matrices, inputs, outputs } = workerData;

Atomics.store(control, CONTROL.READY, 1);
Atomics.notify(control, CONTROL.READY);
let job = 0;
for (;;) {
  Atomics.wait(control, CONTROL.JOB, job);
  job = Atomics.load(control, CONTROL.JOB);
  if (Atomics.load(control, CONTROL.STOP) === 1) break;
  const which = control[CONTROL.MATRIX];
  multiplyCsrRows(
    matrices[which],
    inputs[which],
    control[CONTROL.WIDTH],
    outputs[which],
    control[CONTROL.ROW_FROM],
    control[CONTROL.ROW_TO],
  );
  Atomics.store(control, CONTROL.DONE, job);
  Atomics.notify(control, CONTROL.DONE);
}

import { round } from './workload';

/** One reading of the server process's memory, after a forced garbage collection. */
export interface MemorySample {
  minutes: number;
  heapUsedMB: number;
  rssMB: number;
  externalMB: number;
  /** Requests the load had sent when the sample was taken. */
  requests: number;
}

export interface MemoryTrend {
  startMB: number;
  endMB: number;
  maxMB: number;
  /** Least-squares slope over the samples of the second half of the run, in MB per minute. */
  secondHalfSlopeMBPerMinute: number;
}

const MB = 2 ** 20;

export function toSample(minutes: number, memory: NodeJS.MemoryUsage, requests: number): MemorySample {
  return {
    minutes: round(minutes, 2),
    heapUsedMB: round(memory.heapUsed / MB, 2),
    rssMB: round(memory.rss / MB, 2),
    externalMB: round(memory.external / MB, 2),
    requests,
  };
}

/**
 * Start, end and peak of one measure, and its slope once warmed up: the first half of the run
 * fills caches, pools and JIT code, so only the second half says whether memory keeps growing.
 */
export function memoryTrend(
  samples: readonly MemorySample[],
  measure: (sample: MemorySample) => number,
): MemoryTrend {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) throw new Error('no memory sample');
  const half = last.minutes / 2;
  const secondHalf = samples.filter((sample) => sample.minutes >= half);
  return {
    startMB: measure(first),
    endMB: measure(last),
    maxMB: Math.max(...samples.map(measure)),
    secondHalfSlopeMBPerMinute: round(
      slope(secondHalf.map((sample) => ({ x: sample.minutes, y: measure(sample) }))),
      3,
    ),
  };
}

/** Ordinary least squares; 0 with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.x - meanX) * (point.y - meanY);
    variance += (point.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

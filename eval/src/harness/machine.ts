import { cpus, platform, release, totalmem } from 'node:os';

/** The machine a run was measured on: latencies and durations mean little without it. */
export function machineDescription(): string {
  const processors = cpus();
  return (
    `${processors.length} × ${processors[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`
  );
}

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface GuardrailFigures {
  termCount: number;
  guardrailChecksPerSecond: number;
  guardrailMicrosPerCheck: number;
  naiveChecksPerSecond: number;
  naiveMicrosPerCheck: number;
  speedUp: number;
  output: string;
}

const BENCH_SCRIPT = fileURLToPath(new URL('../../../guardrails/src/bench.ts', import.meta.url));

/**
 * The guardrails package's own benchmark (compiled guardrail against the naive one-substring-search
 * per term baseline, 500 prompts of ~300 characters, ≥ 2,000 terms), run as is in a child process
 * (it is a script with no exported function) and its figures read from its output.
 */
export async function benchGuardrail(): Promise<GuardrailFigures> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BENCH_SCRIPT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`guardrails bench exited with ${code}`)),
    );
  });
  const figures = (label: string) => {
    const match = new RegExp(`${label}\\s+([\\d.]+) checks/s\\s+([\\d.]+) µs/check`).exec(output);
    if (!match) throw new Error(`no "${label}" line in the guardrails bench output:\n${output}`);
    return { perSecond: Number(match[1]), micros: Number(match[2]) };
  };
  const fast = figures('guardrail');
  const naive = figures('naive baseline');
  const terms = /terms: (\d+)/.exec(output);
  return {
    termCount: Number(terms?.[1] ?? 0),
    guardrailChecksPerSecond: fast.perSecond,
    guardrailMicrosPerCheck: fast.micros,
    naiveChecksPerSecond: naive.perSecond,
    naiveMicrosPerCheck: naive.micros,
    speedUp: fast.perSecond / naive.perSecond,
    output,
  };
}

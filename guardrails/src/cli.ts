/**
 * Checks counsellor requests in bulk.
 *
 *   npx tsx guardrails/src/cli.ts --jsonl [--dir <guardrail folder>] < requests.jsonl > results.jsonl
 *
 * Each input line `{"id","text"}` gives exactly one output line on stdout, in order: the result, or
 * `{"id","error"}` when the line is malformed, so that outputs line up with inputs. Blank lines are
 * skipped. Exit code 1 when at least one line was malformed, 2 on a usage error.
 */
import { createInterface } from 'node:readline';
import { loadGuardrail } from './guardrail';
import { checkJsonlLine } from './jsonl';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? args[dirIndex + 1] : undefined;
if (!args.includes('--jsonl') || (dirIndex >= 0 && !dir)) {
  process.stderr.write(
    'usage: tsx guardrails/src/cli.ts --jsonl [--dir <guardrail folder>] < in.jsonl > out.jsonl\n',
  );
  process.exit(2);
}

const guardrail = loadGuardrail(dir ? { dir } : {});
let malformed = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  if (line.trim() === '') continue;
  const { output, ok } = checkJsonlLine(line, guardrail);
  if (!ok) malformed++;
  process.stdout.write(`${output}\n`);
}
if (malformed > 0) process.exitCode = 1;

import type { Guardrail } from './types';

/**
 * One line of the CLI's `--jsonl` mode: `{"id","text"}` in, the result out, or `{"id","error"}` when
 * the line is malformed. The error never quotes the input: a JSON parser's message would.
 */
export function checkJsonlLine(line: string, guardrail: Guardrail): { output: string; ok: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return failure(null, 'not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return failure(null, 'expected an object {"id","text"}');
  }
  const { id, text } = parsed as { id?: unknown; text?: unknown };
  const knownId = typeof id === 'string' || typeof id === 'number' ? id : null;
  if (knownId === null) return failure(null, '"id" must be a string or a number');
  if (typeof text !== 'string') return failure(knownId, '"text" must be a string');
  const result = guardrail.check(text);
  const output = JSON.stringify({
    id: knownId,
    decision: result.decision,
    categories: result.categories,
    findings: result.findings.map(({ category, start, end }) => ({ category, start, end })),
    redacted: result.redacted,
  });
  return { output, ok: true };
}

function failure(id: string | number | null, error: string): { output: string; ok: boolean } {
  return { output: JSON.stringify({ id, error }), ok: false };
}

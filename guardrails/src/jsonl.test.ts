import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGuardrail } from './guardrail';
import { checkJsonlLine } from './jsonl';

const guardrail = loadGuardrail();
const SECRET = 'Mme Durand est enceinte';

describe('JSONL lines', () => {
  it('answers with the decision, categories, spans and redacted text', () => {
    const { output, ok } = checkJsonlLine(
      JSON.stringify({ id: 'r1', text: `${SECRET}, tél 0612345678` }),
      guardrail,
    );
    expect(ok).toBe(true);
    const parsed = JSON.parse(output);
    expect(parsed).toMatchObject({ id: 'r1', decision: 'block', categories: ['health', 'identifier'] });
    expect(Object.keys(parsed.findings[0]).sort()).toEqual(['category', 'end', 'start']);
    expect(parsed.redacted).toBe('Mme [NOM] est enceinte, tél [TÉLÉPHONE]');
  });

  it('reports malformed lines without quoting them', () => {
    const cases: [string, string | number | null][] = [
      [`{"id":"x","text":"${SECRET}"`, null],
      [`"${SECRET}"`, null],
      [JSON.stringify({ text: SECRET }), null],
      [JSON.stringify({ id: 7, text: 42 }), 7],
    ];
    for (const [line, id] of cases) {
      const { output, ok } = checkJsonlLine(line, guardrail);
      expect(ok).toBe(false);
      const parsed = JSON.parse(output);
      expect(parsed.id).toBe(id);
      expect(typeof parsed.error).toBe('string');
      expect(output).not.toContain('Durand');
      expect(output).not.toContain('enceinte');
    }
  });
});

describe('CLI', () => {
  it('writes one line per input line, in order, and exits 1 after a malformed line', () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const input = [
      JSON.stringify({ id: 'a', text: 'Formation cariste à Lyon' }),
      'not json',
      '',
      JSON.stringify({ id: 'b', text: 'Il est bipolaire' }),
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, '--jsonl'], { input, encoding: 'utf8' });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', null, 'b']);
    expect(lines.map((l) => l.decision ?? 'error')).toEqual(['allow', 'error', 'block']);
    expect(run.status).toBe(1);
  });
});

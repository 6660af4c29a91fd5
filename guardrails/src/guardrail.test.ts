import { GuardrailSummary } from '@reco/contracts';
import { describe, expect, it } from 'vitest';
import { compileGuardrail, loadGuardrail } from './guardrail';
import { parsePolicy } from './policy';
import { PLACEHOLDERS, withoutPlaceholders } from './redact';
import { readGuardrailSources } from './sources';

const guardrail = loadGuardrail();

describe('spans', () => {
  it('point into the original text, whatever precedes them', () => {
    const texts = [
      '👍🏽 Elle est diabétique',
      'Ｍme… elle est diabétique',
      'Il a fait une de\u0301pression (NFD accents)',
      'ligne 1\r\nIl est bipolaire\r\n',
      'Œuvre sociale : il est alcoolique',
    ];
    for (const text of texts) {
      const [finding] = guardrail.check(text).findings.filter((f) => f.category === 'health');
      expect(finding, text).toBeDefined();
      const slice = text.slice(finding?.start, finding?.end);
      expect(['diabétique', 'de\u0301pression', 'bipolaire', 'alcoolique']).toContain(slice);
    }
  });

  it('cover identifiers exactly', () => {
    const text = 'Tél. 06 12 34 56 78 — mail julie.martin@gmail.com';
    const spans = guardrail.check(text).findings.map((f) => text.slice(f.start, f.end));
    expect(spans).toEqual(['06 12 34 56 78', 'julie.martin@gmail.com']);
  });
});

describe('redaction', () => {
  it('replaces identifiers and names by placeholders and leaves the rest unchanged', () => {
    const text =
      'Mme Durand (06 12 34 56 78, julie.durand@free.fr) habite 12 rue des Lilas 44000 Nantes, RIB FR76 3000 6000 0112 3456 7890 189, passeport n° 12AB34567.';
    const result = guardrail.check(text);
    expect(result.redacted).toBe(
      `Mme ${PLACEHOLDERS.last_name} (${PLACEHOLDERS.phone}, ${PLACEHOLDERS.email}) habite ${PLACEHOLDERS.address} 44000 Nantes, RIB ${PLACEHOLDERS.iban}, passeport n° ${PLACEHOLDERS.identity_document}.`,
    );
    expect(result.decision).toBe('warn');
    expect(result.categories).toEqual(['identifier']);
  });

  it('redacts a NIR, a birth date and first names', () => {
    const result = guardrail.check('Julie Petit, née le 14/05/1990, NIR 2 92 01 44 109 087 78');
    expect(result.redacted).toBe(
      `${PLACEHOLDERS.first_name} ${PLACEHOLDERS.last_name}, née le ${PLACEHOLDERS.birth_date}, NIR ${PLACEHOLDERS.nir}`,
    );
  });

  it('gives searches the redacted text without its placeholders, so a name changes nothing', () => {
    const named = guardrail.check('Julie Petit souhaite devenir cariste, tél. 06 12 34 56 78').redacted;
    expect(withoutPlaceholders(named)).toBe('souhaite devenir cariste, tél.');
    expect(withoutPlaceholders('Souhaite devenir cariste')).toBe('Souhaite devenir cariste');
  });

  it('does not alter a text without identifiers, even when it is blocked', () => {
    const text = 'Il est bipolaire, cherche une formation';
    const result = guardrail.check(text);
    expect(result.decision).toBe('block');
    expect(result.redacted).toBe(text);
  });
});

describe('decisions', () => {
  it('takes the strongest decision and lists each category once', () => {
    const result = guardrail.check('M. Martin, diabétique, mère diabétique aussi, tél 0612345678');
    expect(result.decision).toBe('block');
    expect(result.categories).toEqual(['health', 'identifier']);
    expect(guardrail.check('Formation cariste, Lyon').decision).toBe('allow');
  });

  it('follows the DPO policy file', () => {
    const sources = readGuardrailSources();
    const policy = parsePolicy(
      JSON.stringify({
        version: 1,
        categories: Object.fromEntries(
          Object.entries(sources.policy).map(([category, p]) => [
            category,
            { ...p, decision: category === 'family' ? 'warn' : p.decision, rationale: 'test' },
          ]),
        ),
      }),
    );
    const lenient = compileGuardrail({ ...sources, policy });
    expect(lenient.check('Mère célibataire, disponible 9h-16h').decision).toBe('warn');
    expect(guardrail.check('Mère célibataire, disponible 9h-16h').decision).toBe('block');
  });

  it('rejects a malformed policy file', () => {
    expect(() => parsePolicy('{"version":1,"categories":{"health":{"decision":"maybe"}}}')).toThrow();
  });

  it('gives a French suggestion with each finding and a result that fits the schema', () => {
    const result = guardrail.check('Elle est enceinte, tél 06 12 34 56 78');
    expect(result.findings.every((f) => (f.suggestion ?? '').length > 20)).toBe(true);
    expect(GuardrailSummary.safeParse(result).success).toBe(true);
  });

  it('compiles once per folder', () => {
    expect(loadGuardrail()).toBe(guardrail);
  });

  it('tells the first name Marie from the family situation marié(e)', () => {
    const name = guardrail.check('Marie souhaite devenir cariste à Lyon');
    expect(name.decision).toBe('warn');
    expect(name.redacted).toBe('[PRÉNOM] souhaite devenir cariste à Lyon');
    expect(guardrail.check('Il est marié, cherche une formation').categories).toEqual(['family']);
    expect(guardrail.check('Marie, mariée, veut devenir cariste').categories).toEqual([
      'family',
      'identifier',
    ]);
  });
});

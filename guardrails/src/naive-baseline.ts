import { type SensitiveCategory, sortCategories, strongestDecision } from './categories';
import type { GuardrailPolicy } from './policy';
import { DEFAULT_GUARDRAIL_DIR, readGuardrailSources } from './sources';
import { NUMBER_PLACEHOLDER } from './term-file';
import type { Guardrail, GuardrailFinding } from './types';

export interface NaiveTerm {
  readonly category: SensitiveCategory;
  readonly phrase: string;
}

/**
 * The reference point for the evaluation and the benchmark: every term searched as a
 * case-insensitive substring, one search per term. No accents folding, no word boundaries, no
 * job context, no identifiers; `redacted` is the text unchanged.
 */
export function createNaiveBaseline(terms: readonly NaiveTerm[], policy: GuardrailPolicy): Guardrail {
  const needles = terms
    .filter((t) => !t.phrase.includes(NUMBER_PLACEHOLDER))
    .map((t) => ({ category: t.category, needle: t.phrase.toLowerCase() }));
  return {
    check(text) {
      const haystack = text.toLowerCase();
      const findings: GuardrailFinding[] = [];
      for (const { category, needle } of needles) {
        for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
          findings.push({ category, start: at, end: at + needle.length, kind: 'substring' });
        }
      }
      findings.sort((a, b) => a.start - b.start);
      return {
        decision: strongestDecision(findings.map((f) => policy[f.category].decision)),
        categories: sortCategories(findings.map((f) => f.category)),
        findings,
        redacted: text,
      };
    },
  };
}

/** The baseline over this package's term lists and policy. */
export function loadNaiveBaseline(options: { dir?: string } = {}): Guardrail {
  const sources = readGuardrailSources(options.dir ?? DEFAULT_GUARDRAIL_DIR);
  const terms = Object.entries(sources.terms.sensitive).flatMap(([category, lines]) =>
    lines.map((l) => ({ category: category as SensitiveCategory, phrase: l.phrase })),
  );
  return createNaiveBaseline(terms, sources.policy);
}

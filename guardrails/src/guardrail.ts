import { resolve } from 'node:path';
import { sortCategories, strongestDecision } from './categories';
import { resolveSensitiveMatches } from './context';
import { findIdentifiers } from './identifiers/index';
import { coveredBy } from './identifiers/span';
import { findPersonNames } from './names';
import { PLACEHOLDERS, type Replacement, redact, SENSITIVE_PLACEHOLDER } from './redact';
import { DEFAULT_GUARDRAIL_DIR, type GuardrailSources, readGuardrailSources } from './sources';
import { TermMatcher } from './term-matcher';
import { type Token, tokenise } from './tokenise';
import type { Guardrail, GuardrailFinding, GuardrailResult } from './types';

/** Builds the matcher once; `check` then runs the detectors over the text, each in one pass. */
export function compileGuardrail(sources: GuardrailSources): Guardrail {
  const matcher = new TermMatcher(sources.terms);
  const knownWords = new Set(sources.terms.knownWords);
  const { policy } = sources;

  return {
    check(text: string): GuardrailResult {
      const tokens = tokenise(text);
      const identifiers = findIdentifiers(text, knownWords);
      const termMatches = matcher.match(tokens, coveredBy(tokens, identifiers));
      // A sensitive term is never taken for a name ("le patient bipolaire", "Mme … schyzophrène"),
      // except an ambiguous one: "Mme Blanc" is a name.
      const strongTerms = termMatches
        .filter(
          (m) =>
            m.role.kind === 'sensitive' &&
            !m.role.weak &&
            !isNameShaped(text, tokens, m, sources.names.firstNames),
        )
        .map((m) => ({
          start: (tokens[m.startToken] as Token).start,
          end: (tokens[m.endToken - 1] as Token).end,
        }));
      const names = findPersonNames(text, tokens, sources.names, [...identifiers, ...strongTerms]);
      const inNames = coveredBy(tokens, names);
      const sensitive = resolveSensitiveMatches(
        names.length === 0
          ? termMatches
          : termMatches.filter((m) => !inNames.slice(m.startToken, m.endToken).includes(true)),
        tokens,
        runsOf(inNames),
      );

      const hidden = [...identifiers, ...names];
      const findings: GuardrailFinding[] = [
        ...hidden.map((h) => ({
          category: 'identifier' as const,
          start: h.start,
          end: h.end,
          kind: h.kind,
          suggestion: policy.identifier.suggestion,
        })),
        ...sensitive.map((m) => ({
          category: m.category,
          start: (tokens[m.startToken] as Token).start,
          end: (tokens[m.endToken - 1] as Token).end,
          kind: m.fuzzy ? 'term_typo' : 'term',
          suggestion: policy[m.category].suggestion,
        })),
      ].sort((a, b) => a.start - b.start || a.end - b.end);

      const replacements: Replacement[] = [];
      for (const h of hidden)
        if (policy.identifier.redact) replacements.push({ ...h, placeholder: PLACEHOLDERS[h.kind] });
      for (const f of findings) {
        if (f.category !== 'identifier' && policy[f.category].redact) {
          replacements.push({ start: f.start, end: f.end, placeholder: SENSITIVE_PLACEHOLDER });
        }
      }
      return {
        decision: strongestDecision(findings.map((f) => policy[f.category].decision)),
        categories: sortCategories(findings.map((f) => f.category)),
        findings,
        redacted: redact(text, replacements),
      };
    },
  };
}

/**
 * "Marie" is a first name, "marié" a family situation: a one-word match written capitalised without
 * the accent its term needs, that is also a first name, is left to the name detector.
 */
function isNameShaped(
  text: string,
  tokens: readonly Token[],
  match: { startToken: number; endToken: number },
  firstNames: ReadonlySet<string>,
): boolean {
  if (match.endToken - match.startToken !== 1) return false;
  const token = tokens[match.startToken] as Token;
  const surface = text.slice(token.start, token.end);
  return /^\p{Lu}/u.test(surface) && surface.normalize('NFD') === surface && firstNames.has(token.norm);
}

/** Runs of consecutive flagged tokens, as token ranges (end exclusive): "Julie Petit" is one person. */
function runsOf(flags: readonly boolean[]): [number, number][] {
  const runs: [number, number][] = [];
  flags.forEach((flag, i) => {
    if (!flag) return;
    const last = runs.at(-1);
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  });
  return runs;
}

const compiled = new Map<string, Guardrail>();

/** The guardrail compiled from the files in `dir` (default: this package), once per folder. */
export function loadGuardrail(options: { dir?: string } = {}): Guardrail {
  const dir = resolve(options.dir ?? DEFAULT_GUARDRAIL_DIR);
  let guardrail = compiled.get(dir);
  if (!guardrail) {
    guardrail = compileGuardrail(readGuardrailSources(dir));
    compiled.set(dir, guardrail);
  }
  return guardrail;
}

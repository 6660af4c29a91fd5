/** Data the counsellor must not write about the person (GDPR art. 9 and 10, and the CNIL's list). */
export const SENSITIVE_CATEGORIES = [
  'health',
  'family',
  'social_situation',
  'criminal',
  'origin',
  'religion',
  'political',
  'union',
  'sexual_life',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

export const GUARDRAIL_CATEGORIES = [...SENSITIVE_CATEGORIES, 'identifier'] as const;
export type GuardrailCategory = (typeof GUARDRAIL_CATEGORIES)[number];

export const GUARDRAIL_DECISIONS = ['allow', 'warn', 'block'] as const;
export type GuardrailDecision = (typeof GUARDRAIL_DECISIONS)[number];

const DECISION_RANK: Record<GuardrailDecision, number> = { allow: 0, warn: 1, block: 2 };

export function strongestDecision(decisions: Iterable<GuardrailDecision>): GuardrailDecision {
  let strongest: GuardrailDecision = 'allow';
  for (const d of decisions) if (DECISION_RANK[d] > DECISION_RANK[strongest]) strongest = d;
  return strongest;
}

/** Categories in their canonical order, each once. */
export function sortCategories(categories: Iterable<GuardrailCategory>): GuardrailCategory[] {
  const present = new Set(categories);
  return GUARDRAIL_CATEGORIES.filter((c) => present.has(c));
}

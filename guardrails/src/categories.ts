import { GuardrailCategory as CategorySchema, GuardrailDecision as DecisionSchema } from '@reco/contracts';

export type GuardrailCategory = (typeof CategorySchema.options)[number];
export type GuardrailDecision = (typeof DecisionSchema.options)[number];

/** In the order of the API contract, which the findings and the reports follow. */
export const GUARDRAIL_CATEGORIES = CategorySchema.options;
export const GUARDRAIL_DECISIONS = DecisionSchema.options;

/** Data the counsellor must not write about the person (GDPR art. 9 and 10, and the CNIL's list). */
export type SensitiveCategory = Exclude<GuardrailCategory, 'identifier'>;
export const SENSITIVE_CATEGORIES = GUARDRAIL_CATEGORIES.filter(
  (category): category is SensitiveCategory => category !== 'identifier',
);

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

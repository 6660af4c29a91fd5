import { z } from 'zod';
import {
  GUARDRAIL_CATEGORIES,
  GUARDRAIL_DECISIONS,
  type GuardrailCategory,
  type GuardrailDecision,
} from './categories';

const CategoryPolicy = z
  .object({
    decision: z.enum(GUARDRAIL_DECISIONS),
    /** Replace the finding's span by a placeholder in `redacted` (identifiers and names). */
    redact: z.boolean().default(false),
    /** French hint shown to the counsellor. */
    suggestion: z.string().min(1),
    /** Why this decision: for the DPO's review, not used at run time. */
    rationale: z.string().min(1),
  })
  .strict();

const PolicyFile = z
  .object({
    version: z.number().int(),
    categories: z.object(
      Object.fromEntries(GUARDRAIL_CATEGORIES.map((c) => [c, CategoryPolicy])) as Record<
        GuardrailCategory,
        typeof CategoryPolicy
      >,
    ),
  })
  .strict();

export interface CategoryDecision {
  readonly decision: GuardrailDecision;
  readonly redact: boolean;
  readonly suggestion: string;
}
export type GuardrailPolicy = Readonly<Record<GuardrailCategory, CategoryDecision>>;

/** Parses policy/decisions.json; throws with the zod issues when the DPO's file is malformed. */
export function parsePolicy(json: string): GuardrailPolicy {
  const file = PolicyFile.parse(JSON.parse(json));
  return Object.fromEntries(
    GUARDRAIL_CATEGORIES.map((c) => {
      const { decision, redact, suggestion } = file.categories[c];
      return [c, { decision, redact, suggestion }];
    }),
  ) as Record<GuardrailCategory, CategoryDecision>;
}

import { z } from 'zod';

export const GuardrailCategory = z.enum([
  'health',
  'family',
  'social_situation',
  'criminal',
  'origin',
  'religion',
  'political',
  'union',
  'sexual_life',
  'identifier',
]);
export type GuardrailCategory = z.infer<typeof GuardrailCategory>;

export const GuardrailDecision = z.enum(['allow', 'warn', 'block']);
export type GuardrailDecision = z.infer<typeof GuardrailDecision>;

/** Where in the counsellor's text a risk was found: character offsets, never the text itself. */
export const GuardrailFinding = z.object({
  category: GuardrailCategory,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** A French hint to rephrase, for the live alert. */
  suggestion: z.string().optional(),
});
export type GuardrailFinding = z.infer<typeof GuardrailFinding>;

export const GuardrailSummary = z.object({
  decision: GuardrailDecision,
  categories: z.array(GuardrailCategory),
  findings: z.array(GuardrailFinding),
});
export type GuardrailSummary = z.infer<typeof GuardrailSummary>;

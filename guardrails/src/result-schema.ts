import { z } from 'zod';
import { GUARDRAIL_CATEGORIES, GUARDRAIL_DECISIONS } from './categories';

/** Longest free-text request accepted: a few paragraphs, far above a real request. */
export const MAX_REQUEST_LENGTH = 4000;

/** `POST /api/guardrail/check` body. */
export const GuardrailCheckRequest = z.object({ text: z.string().min(1).max(MAX_REQUEST_LENGTH) }).strict();
export type GuardrailCheckRequest = z.infer<typeof GuardrailCheckRequest>;

export const GuardrailFindingSchema = z.object({
  category: z.enum(GUARDRAIL_CATEGORIES),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kind: z.string().optional(),
  suggestion: z.string().optional(),
});

export const GuardrailResultSchema = z.object({
  decision: z.enum(GUARDRAIL_DECISIONS),
  categories: z.array(z.enum(GUARDRAIL_CATEGORIES)),
  findings: z.array(GuardrailFindingSchema),
  redacted: z.string(),
});

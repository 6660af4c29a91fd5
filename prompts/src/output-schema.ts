import { z } from 'zod';
import { MAX_SUGGESTIONS } from './recommendation-prompt';

export const MAX_EXPLANATION_CHARS = 800;

export const LlmExplanation = z.string().min(1).max(MAX_EXPLANATION_CHARS);

export const LlmSuggestion = z.object({
  offerId: z.string(),
  explanation: LlmExplanation,
});
export type LlmSuggestion = z.infer<typeof LlmSuggestion>;

/** What the model must answer. Grounding (ids among the candidates) is checked by the caller. */
export const LlmRecommendation = z.object({
  suggestions: z.array(LlmSuggestion).max(MAX_SUGGESTIONS),
});
export type LlmRecommendation = z.infer<typeof LlmRecommendation>;

/**
 * Sent as Ollama's `format`: Ollama turns it into a grammar, so the model can only write JSON of
 * this shape (lengths and counts included).
 */
export const LLM_RECOMMENDATION_JSON_SCHEMA: Record<string, unknown> = z.toJSONSchema(LlmRecommendation);

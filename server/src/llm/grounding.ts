import { LlmExplanation, promptIdOf } from '@reco/prompts';
import { z } from 'zod';
import { parseFirstJsonObject } from './model-json';

export interface GroundedSuggestion {
  offerId: string;
  /** `null` when the model's text could not be shown (too long, contact data): rules explain instead. */
  explanation: string | null;
}

export interface GroundedChoice {
  suggestions: GroundedSuggestion[];
  /** Suggestions naming an offer that was not among the candidates. */
  droppedInventedIds: number;
  rejectedExplanations: number;
}

/**
 * The shape only: lengths and counts are checked per suggestion below, so that one over-long
 * explanation costs that explanation, not the whole answer.
 */
const ModelAnswer = z.object({
  suggestions: z.array(z.object({ offerId: z.string(), explanation: z.string() })),
});

/** Personal data a model might copy from a description or make up; a counsellor must not read it as ours. */
const CONTACT_DATA = [
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u,
  /(?:\+33[\s.-]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/,
  /\b[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?\b/i,
];

/**
 * Keeps only what can be trusted of a model's answer: ids among the candidates it was shown (in
 * the model's order, first occurrence, at most `maxSuggestions`) and explanations fit to show.
 * `undefined` when the answer is not JSON of the expected shape.
 */
export function groundAnswer(
  text: string,
  candidateIds: readonly string[],
  maxSuggestions: number,
): GroundedChoice | undefined {
  const answer = ModelAnswer.safeParse(parseFirstJsonObject(text));
  if (!answer.success) return undefined;

  const offerIdByPromptId = new Map(candidateIds.map((id) => [promptIdOf(id), id]));
  const chosen = new Set<string>();
  const suggestions: GroundedSuggestion[] = [];
  let droppedInventedIds = 0;
  let rejectedExplanations = 0;
  for (const suggestion of answer.data.suggestions) {
    const offerId = offerIdByPromptId.get(suggestion.offerId.trim());
    if (offerId === undefined) {
      droppedInventedIds++;
      continue;
    }
    if (chosen.has(offerId) || suggestions.length >= maxSuggestions) continue;
    chosen.add(offerId);
    const explanation = showableExplanation(suggestion.explanation);
    if (explanation === null) rejectedExplanations++;
    suggestions.push({ offerId, explanation });
  }
  return { suggestions, droppedInventedIds, rejectedExplanations };
}

function showableExplanation(text: string): string | null {
  const explanation = LlmExplanation.safeParse(text.trim());
  if (!explanation.success) return null;
  return CONTACT_DATA.some((pattern) => pattern.test(explanation.data)) ? null : explanation.data;
}

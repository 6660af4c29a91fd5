import {
  buildRecommendationPrompt,
  DEFAULT_DESCRIPTION_MAX_CHARS,
  DEFAULT_MAX_SUGGESTIONS,
  type PromptCandidate,
  type PromptInput,
  type RecommendationPrompt,
} from './recommendation-prompt';

/** Mixtral 8x7B's trained context window. */
export const MIXTRAL_CONTEXT_TOKENS = 32_768;

/** Mixtral's chat template ([INST] markers, BOS) around the system and user messages. */
const CHAT_TEMPLATE_TOKENS = 32;

/** Below this, a context is too small to be worth a distinct value (see `numCtxFor`). */
const MIN_NUM_CTX = 2048;

/** Descriptions are shortened before any candidate is dropped: a candidate lost is a choice lost. */
const DESCRIPTION_STEPS = [DEFAULT_DESCRIPTION_MAX_CHARS, 300, 150];

/**
 * Mixtral's SentencePiece tokenizer averages about 3.5 to 4 characters per token on French prose,
 * fewer on accents, digits and identifiers. Three characters per token overestimates on purpose:
 * an underestimate would let Ollama silently drop the start of the prompt (the system rules).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

/**
 * Room for the answer: per suggestion an id, 2 to 3 sentences (~350 characters) and JSON
 * punctuation, plus the envelope. Also sent as `num_predict`, so a runaway answer stops.
 */
export function outputTokensFor(maxSuggestions: number): number {
  return 64 + maxSuggestions * 160;
}

export interface ContextBudget {
  /** The model's window: `MIXTRAL_CONTEXT_TOKENS` for Mixtral. */
  maxContextTokens: number;
  outputTokens: number;
  maxSuggestions?: number;
}

export interface FittedPrompt {
  prompt: RecommendationPrompt;
  /** Ollama's `options.num_ctx`: prompt and answer both fit in it. */
  numCtx: number;
  promptTokens: number;
  /** The candidates actually written in the prompt, in their original order. */
  candidates: PromptCandidate[];
  /** Left out so that nothing is truncated by Ollama: the last ones of the retrieval order. */
  droppedCandidateIds: string[];
  descriptionMaxChars: number;
}

/**
 * The largest prompt that fits in the model's window with room for the answer: descriptions are
 * shortened first, then candidates dropped from the end. Ollama truncates an oversized prompt
 * without a word, so the prompt is fitted here where what is left out can be counted.
 */
export function fitToContext(input: PromptInput, budget: ContextBudget): FittedPrompt {
  const maxSuggestions = budget.maxSuggestions ?? DEFAULT_MAX_SUGGESTIONS;
  const attempt = (candidates: PromptCandidate[], descriptionMaxChars: number) => {
    const prompt = buildRecommendationPrompt(
      { ...input, candidates },
      { maxSuggestions, descriptionMaxChars },
    );
    const promptTokens = CHAT_TEMPLATE_TOKENS + estimateTokens(prompt.system) + estimateTokens(prompt.user);
    return { prompt, promptTokens, fits: promptTokens + budget.outputTokens <= budget.maxContextTokens };
  };
  const fitted = (candidates: PromptCandidate[], descriptionMaxChars: number): FittedPrompt => {
    const { prompt, promptTokens } = attempt(candidates, descriptionMaxChars);
    return {
      prompt,
      numCtx: numCtxFor(promptTokens + budget.outputTokens, budget.maxContextTokens),
      promptTokens,
      candidates,
      droppedCandidateIds: input.candidates.slice(candidates.length).map((candidate) => candidate.id),
      descriptionMaxChars,
    };
  };

  for (const descriptionMaxChars of DESCRIPTION_STEPS) {
    if (attempt(input.candidates, descriptionMaxChars).fits)
      return fitted(input.candidates, descriptionMaxChars);
  }
  const shortest = DESCRIPTION_STEPS[DESCRIPTION_STEPS.length - 1] ?? DEFAULT_DESCRIPTION_MAX_CHARS;
  for (let kept = input.candidates.length - 1; kept > 0; kept--) {
    const candidates = input.candidates.slice(0, kept);
    if (attempt(candidates, shortest).fits) return fitted(candidates, shortest);
  }
  return fitted([], shortest);
}

/**
 * Ollama reloads the model whenever `num_ctx` changes, which costs seconds on Mixtral: powers of
 * two (all multiples of 1024) keep the number of distinct values, hence of reloads, small.
 */
function numCtxFor(tokens: number, maxContextTokens: number): number {
  let numCtx = MIN_NUM_CTX;
  while (numCtx < tokens) numCtx *= 2;
  return Math.min(numCtx, maxContextTokens);
}

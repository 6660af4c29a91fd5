import {
  fitToContext,
  LLM_RECOMMENDATION_JSON_SCHEMA,
  MAX_SUGGESTIONS,
  MIXTRAL_CONTEXT_TOKENS,
  outputTokensFor,
  type PromptInput,
} from '@reco/prompts';
import type { ChatCompletionRequest, ChatModel } from './chat-model';
import { type GroundedSuggestion, groundAnswer } from './grounding';

export type LlmFallbackReason = 'unreachable' | 'timeout' | 'invalid_output' | 'no_valid_suggestion';

/** Counts and ids for the record and the logs: never any text. */
interface LlmRunFacts {
  droppedInventedIds: number;
  attempts: number;
  promptVersion: string;
  model: string;
  /** Candidates left out of the prompt so that it fits in the model's context. */
  candidatesDroppedForContext: number;
  elapsedMs: number;
}

export type LlmOutcome =
  | ({ mode: 'llm'; suggestions: GroundedSuggestion[]; rejectedExplanations: number } & LlmRunFacts)
  | ({ mode: 'retrieval'; reason: LlmFallbackReason } & LlmRunFacts);

export interface LlmChooserDependencies {
  chatModel: ChatModel;
  /** Milliseconds, for the time budget. */
  clock?: () => number;
}

export interface LlmChooserOptions {
  /** Per attempt. */
  timeoutMs: number;
  /** For all attempts together: the request must be answered in time. */
  totalBudgetMs?: number;
  maxSuggestions: number;
  maxContextTokens?: number;
}

const DEFAULT_TOTAL_BUDGET_MS = 30_000;
const MAX_ATTEMPTS = 2;
/** A retry with less than half the usual time would mostly time out again, after loading the GPU for nothing. */
const MIN_RETRY_SHARE = 0.5;

/**
 * Asks the model to choose among the retrieved candidates and keeps only grounded choices. Never
 * throws for a model failure: it answers `mode: 'retrieval'` with the reason, within the budget.
 */
export async function chooseWithLlm(
  deps: LlmChooserDependencies,
  input: PromptInput,
  options: LlmChooserOptions,
): Promise<LlmOutcome> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  const totalBudgetMs = options.totalBudgetMs ?? DEFAULT_TOTAL_BUDGET_MS;
  const maxSuggestions = Math.min(options.maxSuggestions, MAX_SUGGESTIONS);
  const outputTokens = outputTokensFor(maxSuggestions);
  const fitted = fitToContext(input, {
    maxContextTokens: options.maxContextTokens ?? MIXTRAL_CONTEXT_TOKENS,
    outputTokens,
    maxSuggestions,
  });
  const facts = (attempts: number, droppedInventedIds = 0): LlmRunFacts => ({
    droppedInventedIds,
    attempts,
    promptVersion: fitted.prompt.version,
    model: deps.chatModel.name,
    candidatesDroppedForContext: fitted.droppedCandidateIds.length,
    elapsedMs: clock() - started,
  });
  if (fitted.candidates.length === 0)
    return { mode: 'retrieval', reason: 'no_valid_suggestion', ...facts(0) };

  const request: ChatCompletionRequest = {
    system: fitted.prompt.system,
    user: fitted.prompt.user,
    numCtx: fitted.numCtx,
    jsonSchema: LLM_RECOMMENDATION_JSON_SCHEMA,
    maxOutputTokens: outputTokens,
  };
  const candidateIds = fitted.candidates.map((candidate) => candidate.id);
  let attempts = 0;
  let failure: LlmFallbackReason = 'timeout';
  while (attempts < MAX_ATTEMPTS) {
    const attemptMs = Math.min(options.timeoutMs, totalBudgetMs - (clock() - started));
    if (attempts > 0 && attemptMs < options.timeoutMs * MIN_RETRY_SHARE) break;
    attempts++;
    const reply = await completeWithin(deps.chatModel, request, attemptMs);
    if (!reply.ok) {
      failure = reply.reason;
      continue;
    }
    const choice = groundAnswer(reply.text, candidateIds, maxSuggestions);
    if (choice === undefined) {
      failure = 'invalid_output';
      continue;
    }
    // A well-formed answer without a usable id would come back the same: the model is deterministic.
    if (choice.suggestions.length === 0) {
      return {
        mode: 'retrieval',
        reason: 'no_valid_suggestion',
        ...facts(attempts, choice.droppedInventedIds),
      };
    }
    return {
      mode: 'llm',
      suggestions: choice.suggestions,
      rejectedExplanations: choice.rejectedExplanations,
      ...facts(attempts, choice.droppedInventedIds),
    };
  }
  return { mode: 'retrieval', reason: failure, ...facts(attempts) };
}

type Reply = { ok: true; text: string } | { ok: false; reason: 'timeout' | 'unreachable' };

/**
 * Races the model against the attempt's deadline rather than trusting it to honour the signal:
 * the deadline holds even for an adapter that ignores it. The signal still tells the adapter to
 * stop its request.
 */
async function completeWithin(
  chatModel: ChatModel,
  request: ChatCompletionRequest,
  ms: number,
): Promise<Reply> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, ms));
  const deadline = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  try {
    return { ok: true, text: await Promise.race([chatModel.complete(request, controller.signal), deadline]) };
  } catch {
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

import type { RecommendationProgress, RecommendationResponse, Suggestion } from '@reco/contracts';
import type { ApiError, SensitiveDataRefusal } from '../../api/api-error';
import { sensitiveDataRefusalOf } from '../../api/api-error';

/** One exchange: what the counsellor asked and what came back. */
export interface Turn {
  prompt: string;
  response: RecommendationResponse;
}

export interface PendingTurn {
  prompt: string;
  followUp: boolean;
  stage?: RecommendationProgress['stage'];
}

export interface FailedTurn {
  prompt: string;
  followUp: boolean;
  error: ApiError;
  /** Set when the request was refused for sensitive data: the spans to correct. */
  refusal?: SensitiveDataRefusal;
}

export interface ConversationState {
  turns: Turn[];
  pending?: PendingTurn;
  failure?: FailedTurn;
}

export const INITIAL_CONVERSATION: ConversationState = { turns: [] };

export type ConversationAction =
  | { type: 'sent'; prompt: string }
  | { type: 'progressed'; stage: RecommendationProgress['stage'] }
  | { type: 'answered'; response: RecommendationResponse }
  | { type: 'failed'; error: ApiError }
  | { type: 'reset' };

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'sent':
      return { turns: state.turns, pending: { prompt: action.prompt, followUp: state.turns.length > 0 } };
    case 'progressed':
      return state.pending ? { ...state, pending: { ...state.pending, stage: action.stage } } : state;
    case 'answered':
      return { turns: [...state.turns, { prompt: state.pending?.prompt ?? '', response: action.response }] };
    case 'failed': {
      if (!state.pending) return state;
      const refusal = sensitiveDataRefusalOf(action.error);
      return {
        turns: state.turns,
        failure: {
          prompt: state.pending.prompt,
          followUp: state.pending.followUp,
          error: action.error,
          ...(refusal && { refusal }),
        },
      };
    }
    case 'reset':
      return INITIAL_CONVERSATION;
  }
}

export function latestTurn(state: ConversationState): Turn | undefined {
  return state.turns.at(-1);
}

/** The conversation to continue, once a first answer came. */
export function conversationIdOf(state: ConversationState): string | undefined {
  return latestTurn(state)?.response.conversationId;
}

export interface TurnChanges {
  added: Suggestion[];
  /** Removed offers, as the previous turn showed them. */
  removed: Suggestion[];
}

/**
 * What a follow-up turn changed, from the server's `changes` (offer ids), named with the titles
 * shown: added ones from this turn, removed ones from the turn before.
 */
export function changesOf(turns: readonly Turn[], index: number): TurnChanges | undefined {
  const turn = turns[index];
  const changes = turn?.response.changes;
  if (!turn || !changes) return undefined;
  const previous = turns.find((t) => t.response.requestId === changes.previousRequestId) ?? turns[index - 1];
  const byId = (suggestions: readonly Suggestion[] | undefined, ids: readonly string[]) =>
    ids.flatMap((id) => suggestions?.find((s) => s.offerId === id) ?? []);
  return {
    added: byId(turn.response.suggestions, changes.added),
    removed: byId(previous?.response.suggestions, changes.removed),
  };
}

import type {
  DecisionItem,
  DecisionRequest,
  OfferSearchResult,
  RecommendationResponse,
  SetAsideReason,
} from '@reco/contracts';
import type { ApiError } from '../../api/api-error';

/** An offer of the catalogue as the counsellor's own search returns it. */
export type CatalogueOffer = OfferSearchResult['offers'][number];

export type Choice =
  | { action: 'retained' }
  | { action: 'set_aside'; reason: SetAsideReason; comment?: string };

export interface AddedOffer {
  offer: CatalogueOffer;
  note: string;
}

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  /**
   * A transient failure (no answer, the server restarting): the same decision is sent again by
   * itself, at `retryAt` (ms since epoch), or now when `retryAt` is undefined.
   */
  | { status: 'retrying'; error: ApiError; failedAttempts: number; retryAt?: number }
  | { status: 'saved'; decisionId: string }
  | { status: 'failed'; error: ApiError };

/** What a submission reports, from the first attempt to its end. */
export type SaveAction =
  | { type: 'save_started' }
  | { type: 'save_retry_scheduled'; error: ApiError; failedAttempts: number; retryAt: number }
  | { type: 'save_retry_started' }
  | { type: 'save_succeeded'; decisionId: string }
  | { type: 'save_failed'; error: ApiError };

export function saveReducer(save: SaveState, action: SaveAction): SaveState {
  switch (action.type) {
    case 'save_started':
      return { status: 'saving' };
    case 'save_retry_scheduled':
      return {
        status: 'retrying',
        error: action.error,
        failedAttempts: action.failedAttempts,
        retryAt: action.retryAt,
      };
    case 'save_retry_started':
      return save.status === 'retrying'
        ? { status: 'retrying', error: save.error, failedAttempts: save.failedAttempts }
        : save;
    case 'save_succeeded':
      return { status: 'saved', decisionId: action.decisionId };
    case 'save_failed':
      // The choices stay as they were: the counsellor only has to retry.
      return { status: 'failed', error: action.error };
  }
}

/** Saved, or being saved: the proposal sent is the one on screen, so nothing may change it. */
export function isLocked(save: SaveState): boolean {
  return save.status === 'saved' || save.status === 'saving' || save.status === 'retrying';
}

/**
 * The counsellor's choice on the suggestions of the latest turn. Nothing is chosen at first: every
 * suggestion must be retained or set aside explicitly before the proposal can be saved.
 */
export interface DecisionState {
  requestId?: string;
  /** The suggestions shown, in rank order. */
  offerIds: string[];
  choices: Record<string, Choice>;
  /** Explanations rewritten by the counsellor, by offer. */
  editedTexts: Record<string, string>;
  added: AddedOffer[];
  /** When the suggestions were shown (ms since epoch): the start of `msToDecide`. */
  shownAt?: number;
  save: SaveState;
}

export const INITIAL_DECISIONS: DecisionState = {
  offerIds: [],
  choices: {},
  editedTexts: {},
  added: [],
  save: { status: 'idle' },
};

export type DecisionAction =
  | { type: 'suggestions_shown'; response: RecommendationResponse; at: number }
  | { type: 'retained'; offerId: string }
  | { type: 'set_aside'; offerId: string; reason: SetAsideReason; comment?: string }
  | { type: 'undone'; offerId: string }
  | { type: 'text_edited'; offerId: string; text: string }
  | { type: 'text_restored'; offerId: string }
  | { type: 'offer_added'; offer: CatalogueOffer }
  | { type: 'added_note_changed'; offerId: string; note: string }
  | { type: 'added_removed'; offerId: string }
  | SaveAction
  | { type: 'reset' };

function pick<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(keys.flatMap((key) => (key in record ? [[key, record[key] as T]] : [])));
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _, ...rest } = record;
  return rest;
}

const MAX_ADDED = 20;

export function decisionReducer(state: DecisionState, action: DecisionAction): DecisionState {
  // Once saved, the proposal is what was saved: nothing changes it but a new request.
  if (isLocked(state.save) && !action.type.startsWith('save_') && action.type !== 'reset') return state;
  switch (action.type) {
    case 'suggestions_shown': {
      // A follow-up turn keeps the choices already made on offers it shows again.
      const offerIds = action.response.suggestions.map((s) => s.offerId);
      return {
        requestId: action.response.requestId,
        offerIds,
        choices: pick(state.choices, offerIds),
        editedTexts: pick(state.editedTexts, offerIds),
        added: state.added.filter((added) => !offerIds.includes(added.offer.id)),
        shownAt: action.at,
        save: { status: 'idle' },
      };
    }
    case 'retained':
      return {
        ...state,
        choices: { ...state.choices, [action.offerId]: { action: 'retained' } },
        save: idle(state),
      };
    case 'set_aside': {
      const comment = action.comment?.trim();
      if (action.reason === 'other' && !comment) return state;
      const choice: Choice = { action: 'set_aside', reason: action.reason, ...(comment && { comment }) };
      return { ...state, choices: { ...state.choices, [action.offerId]: choice }, save: idle(state) };
    }
    case 'undone':
      return { ...state, choices: without(state.choices, action.offerId), save: idle(state) };
    case 'text_edited':
      return { ...state, editedTexts: { ...state.editedTexts, [action.offerId]: action.text } };
    case 'text_restored':
      return { ...state, editedTexts: without(state.editedTexts, action.offerId) };
    case 'offer_added':
      if (
        state.added.length >= MAX_ADDED ||
        state.offerIds.includes(action.offer.id) ||
        state.added.some((added) => added.offer.id === action.offer.id)
      ) {
        return state;
      }
      return { ...state, added: [...state.added, { offer: action.offer, note: '' }] };
    case 'added_note_changed':
      return {
        ...state,
        added: state.added.map((added) =>
          added.offer.id === action.offerId ? { ...added, note: action.note.slice(0, 500) } : added,
        ),
      };
    case 'added_removed':
      return { ...state, added: state.added.filter((added) => added.offer.id !== action.offerId) };
    case 'save_started':
    case 'save_retry_scheduled':
    case 'save_retry_started':
    case 'save_succeeded':
    case 'save_failed':
      return { ...state, save: saveReducer(state.save, action) };
    case 'reset':
      return INITIAL_DECISIONS;
  }
}

/** A failed save is forgotten once the counsellor changes something. */
function idle(state: DecisionState): SaveState {
  return state.save.status === 'failed' ? { status: 'idle' } : state.save;
}

/** Suggestions still waiting for "Retenir" or "Écarter". */
export function undecidedOfferIds(state: DecisionState): string[] {
  return state.offerIds.filter((id) => !(id in state.choices));
}

export function canSave(state: DecisionState): boolean {
  return (
    state.requestId !== undefined &&
    undecidedOfferIds(state).length === 0 &&
    (state.save.status === 'idle' || state.save.status === 'failed')
  );
}

export function isEdited(state: DecisionState, offerId: string, original: string): boolean {
  const edited = state.editedTexts[offerId];
  return edited !== undefined && edited.trim() !== original.trim();
}

/**
 * The decision as the API takes it. A rewritten explanation travels with a retained offer only:
 * it is the text the jobseeker will read.
 */
export function toDecisionRequest(
  state: DecisionState,
  originals: Readonly<Record<string, string>>,
  now: number,
): DecisionRequest {
  const items: DecisionItem[] = state.offerIds.flatMap((offerId): DecisionItem[] => {
    const choice = state.choices[offerId];
    if (!choice) return [];
    if (choice.action === 'set_aside') {
      return [
        {
          offerId,
          action: 'set_aside',
          reason: choice.reason,
          ...(choice.comment && { comment: choice.comment }),
        },
      ];
    }
    const edited = state.editedTexts[offerId]?.trim().slice(0, 2000);
    const changed = edited !== undefined && edited !== (originals[offerId] ?? '').trim();
    return [{ offerId, action: 'retained', ...(changed && { editedText: edited }) }];
  });
  const added = state.added.map(({ offer, note }) => ({
    offerId: offer.id,
    ...(note.trim() && { note: note.trim() }),
  }));
  const msToDecide =
    state.shownAt === undefined
      ? undefined
      : Math.min(86_400_000, Math.max(0, Math.round(now - state.shownAt)));
  return { items, added, ...(msToDecide !== undefined && { msToDecide }) };
}

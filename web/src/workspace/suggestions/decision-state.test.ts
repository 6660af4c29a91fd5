import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { anOffer, aResponse, aSuggestion, REQUEST_ID } from '../../testing/fixtures';
import {
  canSave,
  type DecisionAction,
  type DecisionState,
  decisionReducer,
  INITIAL_DECISIONS,
  toDecisionRequest,
  undecidedOfferIds,
} from './decision-state';

const SECOND_ID = '7d5b9e0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
const response = aResponse({
  suggestions: [
    aSuggestion({ offerId: 'a', rank: 1 }),
    aSuggestion({ offerId: 'b', rank: 2 }),
    aSuggestion({ offerId: 'c', rank: 3 }),
  ],
});
const ORIGINALS = { a: 'Texte A', b: 'Texte B', c: 'Texte C' };

function run(...actions: DecisionAction[]): DecisionState {
  return actions.reduce(decisionReducer, INITIAL_DECISIONS);
}
const shown: DecisionAction = { type: 'suggestions_shown', response, at: 1_000 };

describe('decision state', () => {
  it('pre-selects nothing: the proposal cannot be saved until every suggestion is decided', () => {
    let state = run(shown);
    expect(state.choices).toEqual({});
    expect(undecidedOfferIds(state)).toEqual(['a', 'b', 'c']);
    expect(canSave(state)).toBe(false);
    state = decisionReducer(state, { type: 'retained', offerId: 'a' });
    state = decisionReducer(state, { type: 'set_aside', offerId: 'b', reason: 'too_far' });
    expect(canSave(state)).toBe(false);
    state = decisionReducer(state, { type: 'set_aside', offerId: 'c', reason: 'cost' });
    expect(canSave(state)).toBe(true);
  });

  it('allows retaining none of the suggestions', () => {
    const state = run(
      shown,
      { type: 'set_aside', offerId: 'a', reason: 'not_relevant' },
      { type: 'set_aside', offerId: 'b', reason: 'dates' },
      { type: 'set_aside', offerId: 'c', reason: 'already_done' },
    );
    expect(canSave(state)).toBe(true);
    expect(
      toDecisionRequest(state, ORIGINALS, 5_000).items.every((item) => item.action === 'set_aside'),
    ).toBe(true);
  });

  it('refuses "other" without a comment, and trims the comment', () => {
    const state = run(shown, { type: 'set_aside', offerId: 'a', reason: 'other', comment: '   ' });
    expect(state.choices).toEqual({});
    const next = decisionReducer(state, {
      type: 'set_aside',
      offerId: 'a',
      reason: 'other',
      comment: ' Déjà inscrit ',
    });
    expect(next.choices.a).toEqual({ action: 'set_aside', reason: 'other', comment: 'Déjà inscrit' });
  });

  it('builds the decision: reasons, edited texts of retained offers only, added offers, time to decide', () => {
    const state = run(
      shown,
      { type: 'retained', offerId: 'a' },
      { type: 'text_edited', offerId: 'a', text: '  Texte A revu pour le demandeur. ' },
      { type: 'retained', offerId: 'b' },
      { type: 'text_edited', offerId: 'b', text: 'Texte B' },
      { type: 'set_aside', offerId: 'c', reason: 'other', comment: 'Horaires' },
      { type: 'text_edited', offerId: 'c', text: 'Rewritten but set aside' },
      { type: 'offer_added', offer: anOffer() },
      { type: 'added_note_changed', offerId: 'mcf:FORM-9', note: ' Proposé par moi ' },
    );
    expect(toDecisionRequest(state, ORIGINALS, 43_000)).toEqual({
      items: [
        { offerId: 'a', action: 'retained', editedText: 'Texte A revu pour le demandeur.' },
        { offerId: 'b', action: 'retained' },
        { offerId: 'c', action: 'set_aside', reason: 'other', comment: 'Horaires' },
      ],
      added: [{ offerId: 'mcf:FORM-9', note: 'Proposé par moi' }],
      msToDecide: 42_000,
    });
  });

  it('undoes a choice and restores an explanation', () => {
    const state = run(
      shown,
      { type: 'retained', offerId: 'a' },
      { type: 'undone', offerId: 'a' },
      { type: 'text_edited', offerId: 'b', text: 'x' },
      { type: 'text_restored', offerId: 'b' },
    );
    expect(state.choices).toEqual({});
    expect(state.editedTexts).toEqual({});
  });

  it('adds each offer of one’s own once, not when it is already a suggestion', () => {
    const state = run(
      shown,
      { type: 'offer_added', offer: anOffer() },
      { type: 'offer_added', offer: anOffer() },
      { type: 'offer_added', offer: anOffer({ id: 'a' }) },
    );
    expect(state.added.map((added) => added.offer.id)).toEqual(['mcf:FORM-9']);
    expect(decisionReducer(state, { type: 'added_removed', offerId: 'mcf:FORM-9' }).added).toEqual([]);
  });

  it('keeps choices on offers a follow-up turn shows again, and restarts the clock', () => {
    const state = run(
      shown,
      { type: 'retained', offerId: 'a' },
      { type: 'set_aside', offerId: 'b', reason: 'too_far' },
      { type: 'text_edited', offerId: 'a', text: 'edited' },
      {
        type: 'suggestions_shown',
        at: 9_000,
        response: aResponse({
          requestId: SECOND_ID,
          suggestions: [aSuggestion({ offerId: 'a' }), aSuggestion({ offerId: 'd' })],
        }),
      },
    );
    expect(state.requestId).toBe(SECOND_ID);
    expect(state.offerIds).toEqual(['a', 'd']);
    expect(state.choices).toEqual({ a: { action: 'retained' } });
    expect(state.editedTexts).toEqual({ a: 'edited' });
    expect(state.shownAt).toBe(9_000);
    expect(undecidedOfferIds(state)).toEqual(['d']);
  });

  it('keeps every choice when the save fails, so that it can be retried', () => {
    const decided = run(
      shown,
      { type: 'retained', offerId: 'a' },
      { type: 'retained', offerId: 'b' },
      { type: 'retained', offerId: 'c' },
    );
    const saving = decisionReducer(decided, { type: 'save_started' });
    expect(canSave(saving)).toBe(false);
    expect(decisionReducer(saving, { type: 'undone', offerId: 'a' })).toBe(saving);
    const failed = decisionReducer(saving, { type: 'save_failed', error: new ApiError('network', 0) });
    expect(failed.choices).toEqual(decided.choices);
    expect(canSave(failed)).toBe(true);
    const saved = decisionReducer(decisionReducer(failed, { type: 'save_started' }), {
      type: 'save_succeeded',
      decisionId: REQUEST_ID,
    });
    expect(saved.save).toEqual({ status: 'saved', decisionId: REQUEST_ID });
    expect(decisionReducer(saved, { type: 'undone', offerId: 'a' })).toBe(saved);
    expect(decisionReducer(saved, { type: 'reset' })).toEqual(INITIAL_DECISIONS);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { aResponse, aSuggestion, REQUEST_ID } from '../../testing/fixtures';
import {
  type ConversationAction,
  changesOf,
  conversationIdOf,
  conversationReducer,
  INITIAL_CONVERSATION,
} from './conversation-state';

const run = (...actions: ConversationAction[]) => actions.reduce(conversationReducer, INITIAL_CONVERSATION);
const SECOND_ID = '7d5b9e0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b';

describe('conversation state', () => {
  it('follows a request through its stages to a first turn', () => {
    const pending = run({ type: 'sent', prompt: 'Cariste' }, { type: 'progressed', stage: 'retrieval' });
    expect(pending.pending).toEqual({ prompt: 'Cariste', followUp: false, stage: 'retrieval' });
    const done = conversationReducer(pending, { type: 'answered', response: aResponse() });
    expect(done).toEqual({ turns: [{ prompt: 'Cariste', response: aResponse() }] });
    expect(conversationIdOf(done)).toBe(aResponse().conversationId);
  });

  it('marks the next request as a follow-up and keeps earlier turns when it fails', () => {
    const state = run(
      { type: 'sent', prompt: 'Cariste' },
      { type: 'answered', response: aResponse() },
      { type: 'sent', prompt: 'uniquement à distance' },
    );
    expect(state.pending?.followUp).toBe(true);
    const failed = conversationReducer(state, { type: 'failed', error: new ApiError('network', 0) });
    expect(failed.turns).toHaveLength(1);
    expect(failed.failure).toMatchObject({ prompt: 'uniquement à distance', followUp: true });
    expect(failed.failure?.refusal).toBeUndefined();
  });

  it('keeps the refused text and its spans when the request holds sensitive data', () => {
    const refusal = new ApiError('http', 422, {
      type: 'about:blank',
      title: 'Demande refusée : données sensibles',
      status: 422,
      categories: ['health'],
      findings: [{ category: 'health', start: 0, end: 8 }],
    });
    const state = run(
      { type: 'sent', prompt: 'Enceinte, cherche cariste' },
      { type: 'failed', error: refusal },
    );
    expect(state.failure?.prompt).toBe('Enceinte, cherche cariste');
    expect(state.failure?.refusal?.categories).toEqual(['health']);
  });

  it('ignores progress and failures that come after the answer', () => {
    const state = run({ type: 'sent', prompt: 'x' }, { type: 'answered', response: aResponse() });
    expect(conversationReducer(state, { type: 'progressed', stage: 'llm' })).toBe(state);
    expect(conversationReducer(state, { type: 'failed', error: new ApiError('network', 0) })).toBe(state);
  });

  it('names what a follow-up turn added and removed', () => {
    const first = aResponse({
      suggestions: [
        aSuggestion({ offerId: 'a', title: 'Cariste' }),
        aSuggestion({ offerId: 'b', title: 'CACES' }),
      ],
    });
    const second = aResponse({
      requestId: SECOND_ID,
      suggestions: [
        aSuggestion({ offerId: 'a', title: 'Cariste' }),
        aSuggestion({ offerId: 'c', title: 'FLE' }),
      ],
      changes: { previousRequestId: REQUEST_ID, added: ['c'], removed: ['b'] },
    });
    const state = run(
      { type: 'sent', prompt: 'Cariste' },
      { type: 'answered', response: first },
      { type: 'sent', prompt: 'à distance' },
      { type: 'answered', response: second },
    );
    expect(changesOf(state.turns, 0)).toBeUndefined();
    const changes = changesOf(state.turns, 1);
    expect(changes?.added.map((s) => s.title)).toEqual(['FLE']);
    expect(changes?.removed.map((s) => s.title)).toEqual(['CACES']);
  });
});

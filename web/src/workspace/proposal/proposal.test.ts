import { describe, expect, it } from 'vitest';
import { anOffer, aResponse, aSuggestion } from '../../testing/fixtures';
import { type DecisionAction, decisionReducer, INITIAL_DECISIONS } from '../suggestions/decision-state';
import { buildProposal, nextSessionOf } from './proposal';

const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

describe('the proposal for the jobseeker', () => {
  const suggestions = [
    aSuggestion({ offerId: 'a', title: 'Cariste d’entrepôt' }),
    aSuggestion({ offerId: 'b', title: 'Agent de quai' }),
  ];
  const decisions = [
    { type: 'suggestions_shown', response: aResponse({ suggestions }), at: 0 },
    { type: 'retained', offerId: 'a' },
    { type: 'text_edited', offerId: 'a', text: 'Une formation proche de chez vous.' },
    { type: 'set_aside', offerId: 'b', reason: 'too_far' },
    { type: 'offer_added', offer: anOffer() },
    { type: 'added_note_changed', offerId: 'mcf:FORM-9', note: 'Gratuit et court.' },
  ].reduce((state, action) => decisionReducer(state, action as DecisionAction), INITIAL_DECISIONS);

  it('lists the retained suggestions with their edited text, then the added offers, and nothing set aside', () => {
    const entries = buildProposal(suggestions, decisions);
    expect(entries.map((entry) => entry.title)).toEqual([
      'Cariste d’entrepôt',
      'CACES R489 catégories 1, 3 et 5',
    ]);
    const [retained, added] = entries;
    expect(retained).toMatchObject({
      kind: 'Formation',
      provider: 'Organisme de formation du Rhône',
      city: 'Villeurbanne (69100)',
      nextSession: 'du 11 janvier 2027 au 26 mars 2027',
      cpf: 'Éligible au CPF',
      certification: 'Cariste d’entrepôt — Niveau 3 (CAP, BEP)',
      text: 'Une formation proche de chez vous.',
    });
    expect(plain(retained?.place)).toBe('à 12 km');
    expect(plain(retained?.cost)).toBe('2 500 €');
    expect(added).toMatchObject({
      place: expect.stringContaining('Localisation connue au niveau du département'),
      nextSession: 'du 18 janvier 2027 au 22 janvier 2027',
      cost: 'Gratuit',
      text: 'Gratuit et court.',
    });
  });

  it('carries no internal data: no ids of requests, ranks, sources or model', () => {
    const text = JSON.stringify(buildProposal(suggestions, decisions));
    for (const internal of ['lheo', 'rank', 'llm', 'generatedBy', 'siret', '41816609600069', 'requestId']) {
      expect(text).not.toContain(internal);
    }
  });

  it('takes the next unexpired session of an added offer', () => {
    expect(nextSessionOf(anOffer())).toEqual({ start: '2027-01-18', end: '2027-01-22', expired: false });
    expect(nextSessionOf(anOffer({ sessions: [] }))).toBeUndefined();
  });
});

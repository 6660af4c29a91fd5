import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { anOffer, aResponse, aSuggestion } from '../testing/fixtures';
import { markup, textOf } from '../testing/render';
import { DegradedBanner } from './conversation/DegradedBanner';
import { ProgressSteps } from './conversation/ProgressSteps';
import { RequestFailure } from './conversation/RequestFailure';
import { ProposalView } from './proposal/ProposalView';
import { buildProposal } from './proposal/proposal';
import { BestPracticeNotice } from './request/BestPracticeNotice';
import { GuardrailAlerts } from './request/GuardrailAlerts';
import { GuardrailMirror } from './request/GuardrailMirror';
import { DecisionBar } from './suggestions/DecisionBar';
import { type DecisionAction, decisionReducer, INITIAL_DECISIONS } from './suggestions/decision-state';
import { FreeChoiceReminder } from './suggestions/FreeChoiceReminder';
import { SuggestionCard } from './suggestions/SuggestionCard';

const noop = () => {};
const decide = (...actions: DecisionAction[]) => actions.reduce(decisionReducer, INITIAL_DECISIONS);

describe('suggestion card', () => {
  const html = markup(
    <SuggestionCard suggestion={aSuggestion()} requestId="r" locked={false} dispatch={noop} />,
  );
  const text = textOf(html);

  it('shows the verified facts apart from the explanation, labelled as written by the AI', () => {
    expect(text).toContain('Informations vérifiées (catalogue)');
    expect(text).toContain('Villeurbanne (69100), à 12 km');
    expect(text).toContain('du 11 janvier 2027 au 26 mars 2027');
    expect(text).toContain('280 heures');
    expect(text).toContain('2 500 €');
    expect(text).toContain('Rédigé par l’IA — peut contenir des erreurs');
    expect(text).toContain('Source : Carif-Oref (LHEO) n° AF-1');
    expect(text).toContain('Formation');
  });

  it('pre-selects nothing and offers Retenir, Écarter, Modifier le texte, Signaler une erreur', () => {
    for (const label of ['Retenir', 'Écarter', 'Modifier le texte', 'Signaler une erreur']) {
      expect(text).toContain(label);
    }
    expect(html).not.toMatch(/checked|aria-pressed="true"|Retenue/);
  });

  it('says when the explanation comes from rules, and shows the choice made', () => {
    const rules = textOf(
      markup(
        <SuggestionCard
          suggestion={aSuggestion({ explanation: { text: 'Règle.', generatedBy: 'rules' } })}
          requestId="r"
          choice={{ action: 'set_aside', reason: 'other', comment: 'Horaires' }}
          locked={false}
          dispatch={noop}
        />,
      ),
    );
    expect(rules).toContain('Rédigé à partir de règles');
    expect(rules).toContain('Écartée — Autre motif : Horaires');
    expect(rules).toContain('Modifier ce choix');
  });
});

describe('workspace notices', () => {
  it('keeps the best-practice notice, the free-choice reminder and the degraded banner in plain French', () => {
    expect(textOf(markup(<BestPracticeNotice />))).toContain(
      'Ne saisissez jamais : santé, handicap, situation familiale, situation sociale (RSA, logement…)',
    );
    expect(textOf(markup(<FreeChoiceReminder />))).toContain(
      'Vous êtes libre de ne retenir aucune suggestion.',
    );
    expect(textOf(markup(<DegradedBanner />))).toContain(
      'L’assistant IA est indisponible : suggestions issues de la recherche, explications générées par des règles.',
    );
  });

  it('announces the current stage of the answer', () => {
    const html = markup(<ProgressSteps stage="retrieval" onCancel={noop} />);
    expect(html).toContain('aria-live="polite"');
    expect(textOf(html)).toContain('Recherche dans le catalogue… Étape 2 sur 3');
  });
});

describe('live guardrail alerts', () => {
  const text = 'Maman solo, tel 06 12 34 56 78';
  const findings = [
    { category: 'family' as const, start: 0, end: 10 },
    { category: 'identifier' as const, start: 16, end: 30 },
  ];

  it('marks the risky words with their category in the mirror', () => {
    const html = markup(<GuardrailMirror id="m" text={text} findings={findings} />);
    expect(html).toContain(
      '<mark data-category="family">Maman solo<span class="app-mirror__category">(Situation familiale)</span></mark>',
    );
    expect(html).toContain('<mark data-category="identifier">06 12 34 56 78');
  });

  it('says a blocked request will be refused and identifiers will be masked', () => {
    const alerts = textOf(markup(<GuardrailAlerts text={text} decision="block" findings={findings} />));
    expect(alerts).toContain('elle sera refusée en l’état');
    expect(alerts).toContain('Situation familiale : « Maman solo »');
    expect(alerts).toContain('Donnée identifiante : « 06 12 34 56 78 » — sera masqué avant l’envoi');
  });

  it('explains a refusal by the server and keeps the text for correction', () => {
    const error = new ApiError('http', 422, {
      type: 'about:blank',
      title: 'Demande refusée : données sensibles',
      status: 422,
      detail: 'La demande contient des informations qui ne doivent pas être saisies.',
    });
    const html = textOf(
      markup(
        <RequestFailure
          failure={{ prompt: text, followUp: false, error, refusal: { categories: ['family'], findings } }}
          onRetry={noop}
        />,
      ),
    );
    expect(html).toContain('votre texte a été conservé pour le corriger');
    expect(html).not.toContain('Réessayer');
  });
});

describe('decision bar', () => {
  const response = aResponse({ suggestions: [aSuggestion({ offerId: 'a' }), aSuggestion({ offerId: 'b' })] });
  const shown: DecisionAction = { type: 'suggestions_shown', response, at: 0 };

  it('stays disabled until every suggestion is retained or set aside', () => {
    const html = markup(
      <DecisionBar
        decisions={decide(shown, { type: 'retained', offerId: 'a' })}
        onSave={noop}
        onRetryNow={noop}
      />,
    );
    expect(textOf(html)).toContain('Encore 1 suggestion à retenir ou écarter');
    expect(html).toMatch(/<button[^>]*disabled=""/);
  });

  it('offers to retry a failed save, choices kept', () => {
    const decisions = decide(
      shown,
      { type: 'retained', offerId: 'a' },
      { type: 'set_aside', offerId: 'b', reason: 'cost' },
      { type: 'save_started' },
      { type: 'save_failed', error: new ApiError('network', 0) },
    );
    const html = markup(<DecisionBar decisions={decisions} onSave={noop} onRetryNow={noop} />);
    expect(textOf(html)).toContain('Vos choix sont conservés, même si la page est rechargée.');
    expect(textOf(html)).toContain('Réessayer');
    expect(html).not.toMatch(/<button[^>]*disabled=""/);
  });
});

describe('proposal', () => {
  it('prints the retained offers with the edited text and the added ones, without internal data', () => {
    const suggestions = [aSuggestion({ offerId: 'a' }), aSuggestion({ offerId: 'b', title: 'Écartée' })];
    const decisions = decide(
      { type: 'suggestions_shown', response: aResponse({ suggestions }), at: 0 },
      { type: 'retained', offerId: 'a' },
      { type: 'text_edited', offerId: 'a', text: 'Texte pour vous.' },
      { type: 'set_aside', offerId: 'b', reason: 'too_far' },
      { type: 'offer_added', offer: anOffer() },
    );
    const html = markup(
      <ProposalView
        entries={buildProposal(suggestions, decisions)}
        date={new Date('2026-12-04T10:00:00Z')}
        onNewRequest={noop}
        onNewJobseeker={noop}
      />,
    );
    const text = textOf(html);
    expect(text).toContain('Propositions de formation');
    expect(html).toMatch(
      /<ol class="app-proposal__list"><li[^>]*><h2>Titre professionnel cariste d’entrepôt<\/h2>/,
    );
    expect(text).toContain('Texte pour vous.');
    expect(text).toContain('CACES R489 catégories 1, 3 et 5');
    expect(text).not.toContain('Écartée');
    expect(text).not.toMatch(/lheo|AF-1|Rédigé par l’IA/);
    expect(html).toContain('app-no-print');
  });
});

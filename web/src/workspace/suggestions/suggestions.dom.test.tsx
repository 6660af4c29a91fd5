// @vitest-environment jsdom
import type { RecommendationResponse } from '@reco/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useReducer } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeAnswer,
  fakeFetch,
  noFetch,
  problem,
  type RecordedCall,
  renderWithApi,
} from '../../testing/dom';
import { aResponse, aSuggestion, REQUEST_ID } from '../../testing/fixtures';
import { DecisionBar } from './DecisionBar';
import { decisionReducer, INITIAL_DECISIONS, isLocked, toDecisionRequest } from './decision-state';
import { PendingDecisionNotice } from './PendingDecisionNotice';
import { keepPendingDecision, type PendingDecision, pendingDecision } from './pending-decision';
import { SuggestionCard } from './SuggestionCard';
import { useDecisionSubmission } from './use-decision-submission';

const FIRST = aSuggestion();
const SECOND = aSuggestion({
  offerId: 'lheo:AF-2',
  rank: 2,
  title: 'CACES R489 chariots de catégorie 3',
  explanation: { text: 'Complète le titre de cariste.', generatedBy: 'rules' },
});
const RESPONSE: RecommendationResponse = aResponse({ suggestions: [FIRST, SECOND] });

/** The cards and the decision bar on one reducer, saved as the workspace saves them. */
function Harness({
  response = RESPONSE,
  delays = [],
}: {
  response?: RecommendationResponse;
  /** The automatic retries' schedule: none unless a test is about them. */
  delays?: readonly number[];
}) {
  const [decisions, dispatch] = useReducer(
    decisionReducer,
    decisionReducer(INITIAL_DECISIONS, { type: 'suggestions_shown', response, at: Date.now() }),
  );
  const submission = useDecisionSubmission(dispatch, delays);
  const locked = isLocked(decisions.save);

  function save() {
    const originals = Object.fromEntries(response.suggestions.map((s) => [s.offerId, s.explanation.text]));
    void submission.submit({
      requestId: response.requestId,
      body: toDecisionRequest(decisions, originals, Date.now()),
      retainedTitles: [],
      sentAt: Date.now(),
    });
  }

  return (
    <>
      {response.suggestions.map((suggestion) => (
        <SuggestionCard
          key={suggestion.offerId}
          suggestion={suggestion}
          requestId={response.requestId}
          {...(decisions.choices[suggestion.offerId] && { choice: decisions.choices[suggestion.offerId] })}
          {...(decisions.editedTexts[suggestion.offerId] !== undefined && {
            editedText: decisions.editedTexts[suggestion.offerId],
          })}
          locked={locked}
          dispatch={dispatch}
        />
      ))}
      <DecisionBar decisions={decisions} onSave={save} onRetryNow={submission.retryNow} />
      <output data-testid="saved">{decisions.save.status}</output>
    </>
  );
}

const card = (title: string) => screen.getByRole('article', { name: title });

describe('SuggestionCard', () => {
  it('retains a suggestion, then lets the choice be changed', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness response={aResponse()} />, noFetch);
    const first = card(FIRST.title);

    await user.click(within(first).getByRole('button', { name: /^Retenir/ }));

    expect(within(first).getByRole('status')).toHaveTextContent('✓ Retenue pour la proposition');
    expect(within(first).getByText('Retenue')).toBeInTheDocument();
    await user.click(within(first).getByRole('button', { name: /^Modifier ce choix/ }));
    expect(within(first).getByRole('button', { name: /^Retenir/ })).toBeInTheDocument();
  });

  it('asks for a reason to set aside, and a comment for « Autre motif »', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness response={aResponse()} />, noFetch);
    const first = card(FIRST.title);

    await user.click(within(first).getByRole('button', { name: /^Écarter/ }));
    const form = within(first).getByRole('form', { name: `Écarter « ${FIRST.title} »` });
    await user.click(within(form).getByRole('button', { name: 'Confirmer l’écart' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choisissez un motif.');

    await user.click(within(form).getByRole('radio', { name: 'Autre motif' }));
    await user.click(within(form).getByRole('button', { name: 'Confirmer l’écart' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Précisez le motif dans le commentaire.');

    await user.type(within(form).getByLabelText(/Commentaire \(obligatoire\)/), 'Horaires de nuit');
    await user.click(within(form).getByRole('button', { name: 'Confirmer l’écart' }));

    expect(within(first).queryByRole('form')).not.toBeInTheDocument();
    expect(within(first).getByRole('status')).toHaveTextContent('Écartée — Autre motif : Horaires de nuit');
  });

  it('cancels setting aside without choosing', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness response={aResponse()} />, noFetch);
    const first = card(FIRST.title);

    await user.click(within(first).getByRole('button', { name: /^Écarter/ }));
    await user.click(within(first).getByRole('radio', { name: 'Trop loin' }));
    await user.click(within(first).getByRole('button', { name: 'Annuler' }));

    expect(within(first).queryByRole('status')).not.toBeInTheDocument();
    await waitFor(() => expect(within(first).getByRole('button', { name: /^Écarter/ })).toHaveFocus());
  });

  it('edits the explanation, marks it as edited and restores the original', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness response={aResponse()} />, noFetch);
    const first = card(FIRST.title);
    expect(within(first).getByText('Rédigé par l’IA — peut contenir des erreurs')).toBeInTheDocument();

    await user.click(within(first).getByRole('button', { name: /^Modifier le texte/ }));
    const text = within(first).getByLabelText(/Texte remis au demandeur/);
    expect(text).toHaveFocus();
    await user.clear(text);
    expect(within(first).getByRole('button', { name: 'Valider le texte' })).toBeDisabled();
    await user.type(text, 'Formation de 280 h vers le métier de cariste.');
    await user.click(within(first).getByRole('button', { name: 'Valider le texte' }));

    expect(within(first).getByText('Formation de 280 h vers le métier de cariste.')).toBeInTheDocument();
    expect(within(first).getByText('Modifié par vous')).toBeInTheDocument();

    await user.click(within(first).getByRole('button', { name: 'Revenir au texte d’origine' }));
    expect(within(first).getByText(FIRST.explanation.text)).toBeInTheDocument();
    expect(within(first).queryByText('Modifié par vous')).not.toBeInTheDocument();
  });

  it('reports an error: the kind is required, then the report is sent', async () => {
    const user = userEvent.setup();
    const server = fakeFetch(() => ({ body: { reportId: '5d2b8a54-7f0e-4a8e-9d6f-3c1e2b4a5f60' } }));
    renderWithApi(<Harness response={aResponse()} />, server.fetch);
    const first = card(FIRST.title);

    await user.click(within(first).getByRole('button', { name: /^Signaler une erreur/ }));
    const form = within(first).getByRole('form', { name: `Signaler une erreur sur « ${FIRST.title} »` });
    await user.click(within(form).getByRole('button', { name: 'Envoyer le signalement' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choisissez le type d’erreur.');
    expect(server.calls).toHaveLength(0);

    await user.click(within(form).getByRole('radio', { name: 'Contenu inventé par l’IA' }));
    await user.type(within(form).getByLabelText(/Commentaire/), '  La session de janvier n’existe pas.  ');
    await user.click(within(form).getByRole('button', { name: 'Envoyer le signalement' }));

    expect(await within(first).findByRole('status')).toHaveTextContent(
      'Merci : votre signalement a été transmis aux administrateurs.',
    );
    expect(server.calls).toEqual([
      {
        method: 'POST',
        url: `/api/recommendations/${REQUEST_ID}/error-reports`,
        body: {
          offerId: FIRST.offerId,
          kind: 'invented_content',
          comment: 'La session de janvier n’existe pas.',
        },
      },
    ]);
  });

  it('keeps the report form open with the reason when sending fails', async () => {
    const user = userEvent.setup();
    const server = fakeFetch(() => ({ status: 500, body: problem(500, 'Internal Server Error') }));
    renderWithApi(<Harness response={aResponse()} />, server.fetch);
    const first = card(FIRST.title);

    await user.click(within(first).getByRole('button', { name: /^Signaler une erreur/ }));
    await user.click(within(first).getByRole('radio', { name: 'Contenu inapproprié' }));
    await user.click(within(first).getByRole('button', { name: 'Envoyer le signalement' }));

    expect(await within(first).findByRole('alert')).toHaveTextContent(
      'Le signalement n’a pas été envoyé : Le service rencontre un problème. Réessayez dans un instant.',
    );
    expect(within(first).getByRole('radio', { name: 'Contenu inapproprié' })).toBeChecked();
  });
});

describe('DecisionBar', () => {
  const saveButton = () => screen.getByRole('button', { name: 'Enregistrer et préparer la proposition' });

  it('stays disabled until every suggestion is retained or set aside', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness />, noFetch);

    expect(saveButton()).toBeDisabled();
    expect(
      screen.getByText('Encore 2 suggestions à retenir ou écarter avant d’enregistrer.'),
    ).toBeInTheDocument();

    await user.click(within(card(FIRST.title)).getByRole('button', { name: /^Retenir/ }));
    expect(saveButton()).toBeDisabled();
    expect(
      screen.getByText('Encore 1 suggestion à retenir ou écarter avant d’enregistrer.'),
    ).toBeInTheDocument();

    const second = card(SECOND.title);
    await user.click(within(second).getByRole('button', { name: /^Écarter/ }));
    await user.click(within(second).getByRole('radio', { name: 'Déjà suivie' }));
    await user.click(within(second).getByRole('button', { name: 'Confirmer l’écart' }));

    expect(saveButton()).toBeEnabled();
    expect(screen.getByText('1 suggestion retenue, 0 offre ajoutée.')).toBeInTheDocument();
  });

  it('keeps every choice after a failed save and saves on « Réessayer »', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const server = fakeFetch((call: RecordedCall) => {
      attempts += 1;
      if (attempts === 1) return { status: 503, body: problem(503, 'Service Unavailable') };
      return {
        body: { decisionId: '9a1f6c52-2f4b-4c1e-8d3a-6b7e5c4d3a21', requestId: REQUEST_ID, echo: call.url },
      };
    });
    renderWithApi(<Harness />, server.fetch);

    await user.click(within(card(FIRST.title)).getByRole('button', { name: /^Retenir/ }));
    await user.click(within(card(SECOND.title)).getByRole('button', { name: /^Retenir/ }));
    await user.click(saveButton());

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('La proposition n’a pas été enregistrée');
    expect(alert).toHaveTextContent('Vos choix sont conservés, même si la page est rechargée.');
    expect(within(card(FIRST.title)).getByRole('status')).toHaveTextContent('Retenue pour la proposition');
    expect(within(card(SECOND.title)).getByRole('status')).toHaveTextContent('Retenue pour la proposition');

    await user.click(screen.getByRole('button', { name: 'Réessayer' }));

    await waitFor(() => expect(screen.getByTestId('saved')).toHaveTextContent('saved'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toMatchObject({
      method: 'POST',
      url: `/api/recommendations/${REQUEST_ID}/decisions`,
      body: {
        items: [
          { offerId: FIRST.offerId, action: 'retained' },
          { offerId: SECOND.offerId, action: 'retained' },
        ],
        added: [],
      },
    });
    // Saved: the choices can no longer change.
    expect(
      within(card(FIRST.title)).queryByRole('button', { name: /^Modifier ce choix/ }),
    ).not.toBeInTheDocument();
  });
});

describe('DecisionBar while the server restarts', () => {
  const DECIDED = { decisionId: '9a1f6c52-2f4b-4c1e-8d3a-6b7e5c4d3a21', requestId: REQUEST_ID };
  const unreachable = (): FakeAnswer => {
    throw new TypeError('Failed to fetch');
  };
  beforeEach(() => sessionStorage.clear());

  async function decideAndSave(user: ReturnType<typeof userEvent.setup>) {
    await user.click(within(card(FIRST.title)).getByRole('button', { name: /^Retenir/ }));
    await user.click(within(card(SECOND.title)).getByRole('button', { name: /^Retenir/ }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer et préparer la proposition' }));
  }

  it('keeps the decision, says when it retries, honours Retry-After and lets the counsellor hurry it', async () => {
    const user = userEvent.setup();
    const answers: (() => FakeAnswer)[] = [
      unreachable,
      () => ({ status: 503, body: problem(503, 'Service Unavailable'), headers: { 'retry-after': '1' } }),
      () => ({ status: 201, body: DECIDED }),
    ];
    const server = fakeFetch(() => (answers.shift() as () => FakeAnswer)());
    renderWithApi(<Harness delays={[30, 30]} />, server.fetch);

    await decideAndSave(user);

    expect(
      await screen.findByText(
        'Le serveur ne répond pas (il redémarre peut-être) : votre décision est conservée, nouvel essai dans 30 s…',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Proposition pas encore enregistrée : nouvel essai automatique (1 essai échoué).'),
    ).toHaveAttribute('role', 'status');
    expect(
      within(card(FIRST.title)).queryByRole('button', { name: /^Modifier ce choix/ }),
    ).not.toBeInTheDocument();
    expect(pendingDecision()).toMatchObject({ requestId: REQUEST_ID, body: server.calls[0]?.body });

    await user.click(screen.getByRole('button', { name: 'Réessayer maintenant' }));

    expect(
      await screen.findByText(
        /^Le serveur redémarre : votre décision est conservée, nouvel essai dans 1 s…$/,
      ),
    ).toBeInTheDocument();
    // The server asked for one second: the third attempt goes by itself, long before the 30 s planned.
    await waitFor(() => expect(screen.getByTestId('saved')).toHaveTextContent('saved'), { timeout: 3000 });
    expect(server.calls).toHaveLength(3);
    expect(new Set(server.calls.map((call) => JSON.stringify(call.body))).size).toBe(1);
    expect(pendingDecision()).toBeUndefined();
  });

  it('stops retrying after its schedule, keeps the decision in the tab and offers « Réessayer »', async () => {
    const user = userEvent.setup();
    const server = fakeFetch(unreachable);
    renderWithApi(<Harness delays={[0.01, 0.01]} />, server.fetch);

    await decideAndSave(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('La proposition n’a pas été enregistrée');
    expect(alert).toHaveTextContent(
      'Le serveur ne répond pas : vérifiez votre connexion, puis réessayez. Vos choix sont conservés, même si la page est rechargée.',
    );
    expect(server.calls).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeEnabled();
    expect(pendingDecision()?.requestId).toBe(REQUEST_ID);
  });

  it('offers again, after a reload, a decision the server never confirmed', async () => {
    const user = userEvent.setup();
    const body = { items: [{ offerId: FIRST.offerId, action: 'retained' as const }], added: [] };
    keepPendingDecision({ requestId: REQUEST_ID, body, retainedTitles: [FIRST.title], sentAt: Date.now() });
    const server = fakeFetch(() => ({ status: 201, body: DECIDED }));
    renderWithApi(
      <PendingDecisionNotice pending={pendingDecision() as PendingDecision} onClose={() => {}} />,
      server.fetch,
    );

    expect(
      screen.getByRole('heading', { name: 'Une proposition attend d’être enregistrée' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/n’a pas été confirmée par le serveur/)).toHaveTextContent(
      `1 suggestion retenue (${FIRST.title}), 0 offre ajoutée.`,
    );
    await user.click(screen.getByRole('button', { name: 'Enregistrer cette proposition' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Proposition enregistrée');
    expect(server.calls).toEqual([
      { method: 'POST', url: `/api/recommendations/${REQUEST_ID}/decisions`, body },
    ]);
    expect(pendingDecision()).toBeUndefined();
  });
});

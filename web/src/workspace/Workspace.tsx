import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ConversationHistory } from './conversation/ConversationHistory';
import {
  conversationIdOf,
  conversationReducer,
  INITIAL_CONVERSATION,
  latestTurn,
} from './conversation/conversation-state';
import { DegradedBanner } from './conversation/DegradedBanner';
import { FollowUpBox } from './conversation/FollowUpBox';
import { ProgressSteps } from './conversation/ProgressSteps';
import { RequestFailure } from './conversation/RequestFailure';
import { useRecommendationRunner } from './conversation/use-recommendation-runner';
import { AddedOffers } from './own-offers/AddedOffers';
import { OfferSearch } from './own-offers/OfferSearch';
import { ProfileForm } from './profile/ProfileForm';
import {
  INITIAL_PROFILE_FORM,
  type ProfileErrors,
  profileFormReducer,
  toProfile,
} from './profile/profile-form';
import { ProposalView } from './proposal/ProposalView';
import { buildProposal } from './proposal/proposal';
import { RequestComposer } from './request/RequestComposer';
import { DecisionBar } from './suggestions/DecisionBar';
import {
  decisionReducer,
  INITIAL_DECISIONS,
  isLocked,
  toDecisionRequest,
} from './suggestions/decision-state';
import { FreeChoiceReminder } from './suggestions/FreeChoiceReminder';
import { PendingDecisionNotice } from './suggestions/PendingDecisionNotice';
import { type PendingDecision, pendingDecision } from './suggestions/pending-decision';
import { SuggestionList } from './suggestions/SuggestionList';
import { useDecisionSubmission } from './suggestions/use-decision-submission';

/**
 * The counsellor's workspace: the minimised profile, the request and its conversation, the
 * suggestions to decide on, their own offers, and the proposal. State lives in three reducers.
 */
export function Workspace({ hidden }: { hidden: boolean }) {
  const [profile, profileDispatch] = useReducer(profileFormReducer, INITIAL_PROFILE_FORM);
  const [profileKey, setProfileKey] = useState(0);
  const [profileErrors, setProfileErrors] = useState<ProfileErrors>({});
  const [conversation, conversationDispatch] = useReducer(conversationReducer, INITIAL_CONVERSATION);
  const [decisions, decisionDispatch] = useReducer(decisionReducer, INITIAL_DECISIONS);
  const [firstText, setFirstText] = useState('');
  const [followUpText, setFollowUpText] = useState('');
  const [savedAt, setSavedAt] = useState<Date | undefined>();
  // A decision sent before a reload (or a new request) and never confirmed: offered again.
  const [unconfirmed, setUnconfirmed] = useState<PendingDecision | undefined>(pendingDecision);
  const submission = useDecisionSubmission(decisionDispatch);
  const profileSummary = useRef<HTMLDivElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const runner = useRecommendationRunner(conversationDispatch, (response) => {
    decisionDispatch({ type: 'suggestions_shown', response, at: Date.now() });
    setFollowUpText('');
    requestAnimationFrame(() => resultsHeading.current?.focus());
  });

  const turn = latestTurn(conversation);
  const busy = conversation.pending !== undefined;
  const failure = conversation.failure;
  const saved = decisions.save.status === 'saved';
  const locked = isLocked(decisions.save);

  /**
   * Sends the text as the server will read it (trimmed), so that the spans of a refusal fall on the
   * words shown in the field.
   */
  function send(text: string, setText: (value: string) => void) {
    const prompt = text.trim();
    if (prompt !== text) setText(prompt);
    const result = toProfile(profile);
    if (!result.ok) {
      setProfileErrors(result.errors);
      requestAnimationFrame(() => profileSummary.current?.focus());
      return;
    }
    setProfileErrors({});
    const conversationId = conversationIdOf(conversation);
    void runner.send({ profile: result.profile, prompt, ...(conversationId && { conversationId }) });
  }

  async function save() {
    if (!decisions.requestId || !turn) return;
    const originals = Object.fromEntries(
      turn.response.suggestions.map((s) => [s.offerId, s.explanation.text]),
    );
    const stored = await submission.submit({
      requestId: decisions.requestId,
      body: toDecisionRequest(decisions, originals, Date.now()),
      retainedTitles: turn.response.suggestions
        .filter((s) => decisions.choices[s.offerId]?.action === 'retained')
        .map((s) => s.title),
      sentAt: Date.now(),
    });
    if (stored) setSavedAt(new Date());
  }

  function newRequest() {
    runner.cancel();
    // A decision still unconfirmed stays in the tab and is offered again, not dropped.
    submission.abandon();
    setUnconfirmed(pendingDecision());
    conversationDispatch({ type: 'reset' });
    decisionDispatch({ type: 'reset' });
    setFirstText('');
    setFollowUpText('');
    setSavedAt(undefined);
  }

  function newJobseeker() {
    newRequest();
    profileDispatch({ type: 'reset' });
    setProfileErrors({});
    setProfileKey((key) => key + 1);
  }

  // Leaving the page with suggestions shown but no decision saved loses the counsellor's work.
  const unsaved = turn !== undefined && !saved;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const takenIds = useMemo(
    () => new Set([...decisions.offerIds, ...decisions.added.map((added) => added.offer.id)]),
    [decisions.offerIds, decisions.added],
  );
  const mobility = Number.parseInt(profile.mobilityKm, 10);

  if (saved && turn) {
    return (
      <div hidden={hidden}>
        <ProposalView
          entries={buildProposal(turn.response.suggestions, decisions)}
          date={savedAt ?? new Date()}
          onNewRequest={newRequest}
          onNewJobseeker={newJobseeker}
        />
      </div>
    );
  }

  const firstRefusal = !failure?.followUp && failure?.prompt === firstText ? failure.refusal : undefined;
  const followUpRefusal = failure?.followUp && failure.prompt === followUpText ? failure.refusal : undefined;

  return (
    <div hidden={hidden}>
      <h1>Espace conseiller</h1>
      {unconfirmed && unconfirmed.requestId !== decisions.requestId && (
        <PendingDecisionNotice
          key={unconfirmed.requestId}
          pending={unconfirmed}
          onClose={() => setUnconfirmed(undefined)}
        />
      )}
      <div className="app-layout">
        <aside className="app-panel app-no-print" aria-label="Profil du demandeur">
          <ProfileForm
            key={profileKey}
            state={profile}
            dispatch={profileDispatch}
            errors={profileErrors}
            summaryRef={profileSummary}
          />
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={newJobseeker}>
            Effacer le profil et la demande
          </button>
        </aside>

        <div>
          {turn === undefined ? (
            <RequestComposer
              value={firstText}
              onChange={setFirstText}
              onSubmit={() => send(firstText, setFirstText)}
              busy={busy}
              {...(firstRefusal && { refusal: firstRefusal })}
            />
          ) : (
            <div className="app-results-head">
              <h2 ref={resultsHeading} tabIndex={-1}>
                Suggestions
              </h2>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-btn--sm app-no-print"
                onClick={newRequest}
              >
                Nouvelle demande
              </button>
            </div>
          )}

          {conversation.pending && (
            <ProgressSteps stage={conversation.pending.stage} onCancel={runner.cancel} />
          )}
          {failure && (
            <RequestFailure
              failure={failure}
              onRetry={() => send(failure.prompt, failure.followUp ? setFollowUpText : setFirstText)}
            />
          )}

          {turn && (
            <>
              <ConversationHistory turns={conversation.turns} />
              {turn.response.mode === 'retrieval' && <DegradedBanner />}
              {turn.response.guardrail.decision === 'warn' && (
                <p className="app-muted">
                  Des données identifiantes ont été masquées avant l’envoi : elles n’ont été ni transmises ni
                  conservées.
                </p>
              )}
              <FreeChoiceReminder />
              <SuggestionList
                suggestions={turn.response.suggestions}
                requestId={turn.response.requestId}
                decisions={decisions}
                dispatch={decisionDispatch}
              />
              {!locked && (
                <div style={{ marginTop: '1.5rem' }}>
                  <FollowUpBox
                    value={followUpText}
                    onChange={setFollowUpText}
                    onSubmit={() => send(followUpText, setFollowUpText)}
                    busy={busy}
                    {...(followUpRefusal && { refusal: followUpRefusal })}
                  />
                </div>
              )}
              <div style={{ marginTop: '1.5rem' }}>
                <OfferSearch
                  commune={profile.commune}
                  mobilityKm={Number.isFinite(mobility) ? mobility : undefined}
                  takenIds={takenIds}
                  onAdd={(offer) => decisionDispatch({ type: 'offer_added', offer })}
                  disabled={locked}
                />
              </div>
              <AddedOffers added={decisions.added} locked={locked} dispatch={decisionDispatch} />
              <DecisionBar
                decisions={decisions}
                onSave={() => void save()}
                onRetryNow={submission.retryNow}
              />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

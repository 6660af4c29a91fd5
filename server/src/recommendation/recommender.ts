import type {
  GuardrailSummary,
  RecommendationProgress,
  RecommendationRequest,
  RecommendationResponse,
  Suggestion,
} from '@reco/contracts';
import type { RecommendationRepository } from '@reco/db';
import type { Guardrail } from '@reco/guardrails';
import { profileSummaryFrom, promptCandidateFrom } from '@reco/prompts';
import type { Referentials } from '@reco/referentials';
import { HttpProblem } from '../http/problem';
import type { ChatModel } from '../llm/chat-model';
import { chooseWithLlm, type LlmOutcome } from '../llm/llm-chooser';
import { explainByRules } from '../llm/rules-explainer';
import type { Logger } from '../logger';
import type { Candidate, RetrievalRequest, RetrievalResult } from '../retrieval/hybrid-retriever';
import { UnknownCommuneError } from '../retrieval/hybrid-retriever';

export interface Retriever {
  retrieve(request: RetrievalRequest): Promise<RetrievalResult>;
}

export interface RecommenderDependencies {
  guardrail: Guardrail;
  retriever: Retriever;
  /** Absent when no LLM is configured: every answer then comes from retrieval and the rules. */
  chatModel?: ChatModel;
  recommendations: RecommendationRepository;
  referentials: Referentials;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
  settings: {
    llmAttemptTimeoutMs: number;
    llmTotalBudgetMs: number;
    maxSuggestions: number;
    candidates: number;
  };
}

export interface Counsellor {
  id: string;
}

/** The retrieval-only prompt version: what the rules say is versioned like a template. */
export const RULES_PROMPT_VERSION = 'regles-v1';
/**
 * Every earlier turn joins the retrieval text and the model's prompt: past this many, a conversation
 * would crowd the candidates out of the context and cost without bound.
 */
export const MAX_CONVERSATION_TURNS = 10;

/**
 * One turn of a counsellor's request: guardrail, retrieval, the LLM's choice among real candidates
 * (or the rules when it cannot answer), then the audit record. Only redacted text goes past the
 * guardrail.
 */
export class Recommender {
  constructor(private readonly deps: RecommenderDependencies) {}

  async recommend(
    counsellor: Counsellor,
    request: RecommendationRequest,
    onProgress: (progress: RecommendationProgress) => void = () => {},
  ): Promise<RecommendationResponse> {
    const { deps } = this;
    const started = performance.now();
    onProgress({ stage: 'guardrail' });
    const check = deps.guardrail.check(request.prompt);
    const guardrail: GuardrailSummary = {
      decision: check.decision,
      categories: check.categories,
      findings: check.findings.map(({ category, start, end }) => ({ category, start, end })),
    };
    if (check.decision === 'block') {
      await deps.recommendations.recordRefusal(counsellor.id, check.categories, deps.clock());
      throw refusedForSensitiveData(guardrail);
    }

    const earlierTurns = request.conversationId
      ? await deps.recommendations.conversationTurns(request.conversationId, counsellor.id)
      : [];
    if (!earlierTurns)
      throw new HttpProblem(
        404,
        'Conversation introuvable',
        'Cette conversation n’existe pas ou ne vous appartient pas.',
      );
    if (earlierTurns.length >= MAX_CONVERSATION_TURNS) throw conversationTooLong();
    const conversationText = [...earlierTurns.map((turn) => turn.redactedPrompt), check.redacted].join('\n');

    onProgress({ stage: 'retrieval' });
    const referenceDate = deps.clock().toISOString().slice(0, 10);
    const retrieval = await this.retrieve({
      profile: request.profile,
      text: conversationText,
      referenceDate,
      limit: deps.settings.candidates,
    });
    const targetJobLabels = retrieval.resolvedJobs.map((job) => job.label);

    onProgress({ stage: 'llm' });
    const outcome = await this.chooseWithModel(request, check.redacted, earlierTurns, retrieval.candidates);
    const suggestions =
      outcome?.mode === 'llm'
        ? this.llmSuggestions(outcome, retrieval.candidates, targetJobLabels)
        : retrieval.candidates
            .slice(0, deps.settings.maxSuggestions)
            .map((candidate, index) =>
              toSuggestion(candidate, index + 1, rulesExplanation(candidate, targetJobLabels)),
            );

    const conversationId = request.conversationId ?? deps.newId();
    if (!request.conversationId)
      await deps.recommendations.startConversation(conversationId, counsellor.id, deps.clock());
    const previous = earlierTurns.at(-1);
    const response: RecommendationResponse = {
      requestId: deps.newId(),
      conversationId,
      mode: outcome?.mode ?? 'retrieval',
      promptVersion: outcome?.promptVersion ?? RULES_PROMPT_VERSION,
      model: outcome?.mode === 'llm' ? outcome.model : null,
      guardrail,
      suggestions,
      ...(previous && { changes: changesSince(previous, suggestions) }),
    };
    await deps.recommendations.save({
      id: response.requestId,
      conversationId,
      turn: earlierTurns.length + 1,
      userId: counsellor.id,
      redactedPrompt: check.redacted,
      profile: request.profile,
      guardrail,
      mode: response.mode,
      promptVersion: response.promptVersion,
      model: outcome?.model ?? null,
      suggestions,
      llmRun: outcome ? llmRunFacts(outcome) : { skipped: 'no_llm_configured' },
      createdAt: deps.clock(),
    });
    deps.logger.info('recommendation', {
      requestId: response.requestId,
      mode: response.mode,
      candidates: retrieval.candidates.length,
      suggestions: suggestions.length,
      guardrail: guardrail.decision,
      ...(outcome && llmRunFacts(outcome)),
      ms: Math.round(performance.now() - started),
    });
    onProgress({ stage: 'done' });
    return response;
  }

  private async retrieve(request: RetrievalRequest): Promise<RetrievalResult> {
    try {
      return await this.deps.retriever.retrieve(request);
    } catch (error) {
      if (error instanceof UnknownCommuneError) {
        throw new HttpProblem(
          422,
          'Commune inconnue',
          'La commune du profil est introuvable dans le référentiel.',
          {
            errors: [{ field: 'profile.location', message: 'commune inconnue' }],
          },
        );
      }
      throw error;
    }
  }

  private async chooseWithModel(
    request: RecommendationRequest,
    redacted: string,
    earlierTurns: readonly { redactedPrompt: string }[],
    candidates: readonly Candidate[],
  ): Promise<LlmOutcome | undefined> {
    const { chatModel, referentials, settings } = this.deps;
    if (!chatModel || candidates.length === 0) return undefined;
    return chooseWithLlm(
      { chatModel },
      {
        request: [...earlierTurns.map((turn) => turn.redactedPrompt), redacted].join('\nPrécision : '),
        profile: profileSummaryFrom(request.profile, (code) => referentials.romeLabel(code)),
        candidates: candidates.map((candidate) => promptCandidateFrom(candidate.offer, candidate.facts)),
      },
      {
        timeoutMs: settings.llmAttemptTimeoutMs,
        totalBudgetMs: settings.llmTotalBudgetMs,
        maxSuggestions: settings.maxSuggestions,
      },
    );
  }

  private llmSuggestions(
    outcome: Extract<LlmOutcome, { mode: 'llm' }>,
    candidates: readonly Candidate[],
    targetJobLabels: string[],
  ): Suggestion[] {
    const byId = new Map(candidates.map((candidate) => [candidate.offer.id, candidate]));
    return outcome.suggestions.flatMap((choice, index) => {
      const candidate = byId.get(choice.offerId);
      if (!candidate) return [];
      const explanation =
        choice.explanation === null
          ? rulesExplanation(candidate, targetJobLabels)
          : { text: choice.explanation, generatedBy: 'llm' as const };
      return [toSuggestion(candidate, index + 1, explanation)];
    });
  }
}

function rulesExplanation(candidate: Candidate, targetJobLabels: string[]) {
  return {
    text: explainByRules(
      {
        kind: candidate.offer.kind,
        title: candidate.offer.title,
        city: candidate.offer.location.city,
        facts: candidate.facts,
      },
      { targetJobLabels },
    ),
    generatedBy: 'rules' as const,
  };
}

function toSuggestion(
  candidate: Candidate,
  rank: number,
  explanation: Suggestion['explanation'],
): Suggestion {
  const { offer, facts } = candidate;
  return {
    offerId: offer.id,
    rank,
    kind: offer.kind,
    title: offer.title,
    provider: { name: offer.provider.name },
    location: offer.location,
    sessions: offer.sessions.filter((session) => !session.expired),
    facts,
    explanation,
    sources: offer.sources,
  };
}

function changesSince(previous: { id: string; suggestions: Suggestion[] }, suggestions: Suggestion[]) {
  const before = new Set(previous.suggestions.map((suggestion) => suggestion.offerId));
  const now = new Set(suggestions.map((suggestion) => suggestion.offerId));
  return {
    previousRequestId: previous.id,
    added: [...now].filter((id) => !before.has(id)),
    removed: [...before].filter((id) => !now.has(id)),
  };
}

/** Counts and timings only: what the audit and the logs may hold about the model's run. */
function llmRunFacts(outcome: LlmOutcome): Record<string, unknown> {
  return {
    llmMode: outcome.mode,
    ...(outcome.mode === 'retrieval' && { fallbackReason: outcome.reason }),
    attempts: outcome.attempts,
    droppedInventedIds: outcome.droppedInventedIds,
    candidatesDroppedForContext: outcome.candidatesDroppedForContext,
    llmMs: Math.round(outcome.elapsedMs),
  };
}

function conversationTooLong(): HttpProblem {
  return new HttpProblem(
    422,
    'Conversation trop longue',
    `La conversation a atteint ${MAX_CONVERSATION_TURNS} échanges : commencez-en une nouvelle pour affiner la demande.`,
    { maxTurns: MAX_CONVERSATION_TURNS },
  );
}

function refusedForSensitiveData(guardrail: GuardrailSummary): HttpProblem {
  return new HttpProblem(
    422,
    'Demande refusée : données sensibles',
    'La demande contient des informations qui ne doivent pas être saisies (santé, situation familiale ou sociale, ' +
      'opinions…). Reformulez-la en décrivant seulement le projet professionnel.',
    { categories: guardrail.categories, findings: guardrail.findings },
  );
}

import { z } from 'zod';
import { GuardrailSummary } from '../guardrail';
import { Location, LocationPrecision, Modality, OfferKind, Provenance, Session } from '../offer';
import { IsoDate, JobseekerProfile } from '../profile';
import { userText } from '../user-text';
import { route } from './route';

/** `POST /api/recommendations`: a counsellor's request, or a follow-up turn of a conversation. */
export const RecommendationRequest = z.strictObject({
  profile: JobseekerProfile,
  prompt: userText('la demande', { min: 1, max: 2000 }),
  conversationId: z.uuid().optional(),
});
export type RecommendationRequest = z.infer<typeof RecommendationRequest>;

/** What the server verified about an offer for this jobseeker: kept apart from any generated text. */
export const SuggestionFacts = z.object({
  /** Kilometres from the jobseeker's commune; to the département's centre when precision is `departement`. */
  distanceKm: z.number().nonnegative().optional(),
  locationPrecision: LocationPrecision,
  nextSessionStart: IsoDate.optional(),
  nextSessionEnd: IsoDate.optional(),
  durationHours: z.number().nonnegative().optional(),
  costEur: z.number().nonnegative().optional(),
  cpf: z.boolean(),
  modality: Modality,
  matchedRomeCodes: z.array(z.object({ code: z.string(), label: z.string() })),
  matchedJobTitle: z.string().optional(),
  matchedSkills: z.array(z.string()),
  certification: z.object({ label: z.string().optional(), level: z.number().int().optional() }).optional(),
});
export type SuggestionFacts = z.infer<typeof SuggestionFacts>;

export const Explanation = z.object({
  text: z.string(),
  generatedBy: z.enum(['llm', 'rules']),
});
export type Explanation = z.infer<typeof Explanation>;

export const Suggestion = z.object({
  offerId: z.string(),
  rank: z.number().int().min(1).max(10),
  kind: OfferKind,
  title: z.string(),
  provider: z.object({ name: z.string() }),
  location: Location,
  sessions: z.array(Session),
  facts: SuggestionFacts,
  explanation: Explanation,
  sources: z.array(Provenance),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const RecommendationResponse = z.object({
  requestId: z.uuid(),
  conversationId: z.uuid(),
  /** `retrieval` when the LLM did not answer in time or answered unusably: rules explain. */
  mode: z.enum(['llm', 'retrieval']),
  promptVersion: z.string(),
  model: z.string().nullable(),
  guardrail: GuardrailSummary,
  suggestions: z.array(Suggestion).max(10),
  /** For a follow-up turn: what changed since the previous turn's suggestions. */
  changes: z
    .object({
      previousRequestId: z.uuid(),
      added: z.array(z.string()),
      removed: z.array(z.string()),
    })
    .optional(),
});
export type RecommendationResponse = z.infer<typeof RecommendationResponse>;

/** A stage of the work, streamed so the counsellor sees progress. */
export const RecommendationProgress = z.object({
  stage: z.enum(['guardrail', 'retrieval', 'llm', 'done']),
});
export type RecommendationProgress = z.infer<typeof RecommendationProgress>;

export const recommendationsRoute = route({
  method: 'post',
  path: '/api/recommendations',
  summary: 'Suggestions expliquées pour un profil minimisé et la demande du conseiller',
  access: 'user',
  body: RecommendationRequest,
  response: RecommendationResponse,
});

export const recommendationsStreamRoute = route({
  method: 'post',
  path: '/api/recommendations/stream',
  summary: 'La même chose en server-sent events : `progress` par étape, puis `result` (ou `problem`)',
  access: 'user',
  body: RecommendationRequest,
  response: RecommendationResponse,
  stream: true,
});

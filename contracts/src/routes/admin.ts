import { z } from 'zod';
import { GuardrailCategory, GuardrailSummary } from '../guardrail';
import { OfferKind } from '../offer';
import { IsoDate } from '../profile';
import { userText } from '../user-text';
import { DecisionItem, DecisionRequest, ErrorReportRequest, SetAsideReason } from './decisions';
import { route } from './route';

/*
 * The admins' audit screens. Every view of audit data is itself recorded in the access log.
 * Counsellors appear by their pseudonym only, never by their username.
 */

const DateRange = {
  /** First day included, in France (`YYYY-MM-DD`). */
  from: IsoDate.optional(),
  /** Last day included, in France (`YYYY-MM-DD`). */
  to: IsoDate.optional(),
};

const Team = userText('l’équipe', { min: 1, max: 100 });

const orderedRange = <T extends { from?: string | undefined; to?: string | undefined }>(range: T) =>
  !range.from || !range.to || range.from <= range.to;
const ORDERED_RANGE = { message: 'la date de début est postérieure à la date de fin', path: ['from'] };

const RequestFilterShape = {
  ...DateRange,
  /** The guardrail's decision on the request: `warn` when something was redacted or flagged. */
  decision: z.enum(['allow', 'warn']).optional(),
  /** Requests where the guardrail found this category. */
  category: GuardrailCategory.optional(),
  team: Team.optional(),
};

const Page = (defaultLimit: number, maxLimit: number) => ({
  limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** `GET /api/admin/requests` */
export const AdminRequestsQuery = z
  .strictObject({ ...RequestFilterShape, ...Page(50, 500) })
  .refine(orderedRange, ORDERED_RANGE);
export type AdminRequestsQuery = z.infer<typeof AdminRequestsQuery>;

/** `GET /api/admin/requests.csv`: the same filters, every matching request. */
export const AdminRequestsCsvQuery = z.strictObject(RequestFilterShape).refine(orderedRange, ORDERED_RANGE);
export type AdminRequestsCsvQuery = z.infer<typeof AdminRequestsCsvQuery>;

export const AuditSuggestion = z.object({
  rank: z.number().int(),
  offerId: z.string(),
  title: z.string(),
  kind: OfferKind,
  explanationBy: z.enum(['llm', 'rules']),
});
export type AuditSuggestion = z.infer<typeof AuditSuggestion>;

export const AuditDecision = z.object({
  items: z.array(DecisionItem),
  added: DecisionRequest.shape.added,
  decidedAt: z.iso.datetime(),
  /** As measured by the browser; null when it did not say. */
  msToDecide: z.number().int().nonnegative().nullable(),
});
export type AuditDecision = z.infer<typeof AuditDecision>;

export const AuditErrorReport = z.object({
  reportId: z.uuid(),
  offerId: z.string(),
  kind: ErrorReportRequest.shape.kind,
  comment: z.string().optional(),
  createdAt: z.iso.datetime(),
});
export type AuditErrorReport = z.infer<typeof AuditErrorReport>;

export const AuditRequest = z.object({
  requestId: z.uuid(),
  conversationId: z.uuid(),
  turn: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  /** The counsellor's pseudonym (`C-7F3A9B`). */
  counsellor: z.string(),
  team: z.string().nullable(),
  /** The counsellor's text as stored: identifiers and names replaced by placeholders. */
  redactedPrompt: z.string(),
  guardrail: GuardrailSummary,
  mode: z.enum(['llm', 'retrieval']),
  promptVersion: z.string(),
  model: z.string().nullable(),
  suggestions: z.array(AuditSuggestion),
  /** Absent while the counsellor has not decided. */
  decision: AuditDecision.optional(),
  errorReports: z.array(AuditErrorReport),
});
export type AuditRequest = z.infer<typeof AuditRequest>;

export const AdminRequestsResponse = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(AuditRequest),
});
export type AdminRequestsResponse = z.infer<typeof AdminRequestsResponse>;

/** `GET /api/admin/oversight` */
export const OversightQuery = z
  .strictObject({ ...DateRange, team: Team.optional() })
  .refine(orderedRange, ORDERED_RANGE);
export type OversightQuery = z.infer<typeof OversightQuery>;

/** Figures of one slice (the period, one team, one ISO week). Rates are null when their base is 0. */
export const OversightSlice = z.object({
  requests: z.number().int().nonnegative(),
  decidedRequests: z.number().int().nonnegative(),
  /** Share of decided requests whose proposal is the first suggestion alone (nothing else retained, nothing added). */
  firstSuggestionShare: z.number().min(0).max(1).nullable(),
  /** Share of decided requests where the counsellor added at least one offer of their own. */
  overrideRate: z.number().min(0).max(1).nullable(),
  /** Share of requests answered without the LLM (retrieval and rules only). */
  degradedShare: z.number().min(0).max(1).nullable(),
  /** Time between the suggestions being shown and the decision, over decided requests that report it. */
  timeToDecideMs: z.object({
    median: z.number().nonnegative().nullable(),
    p90: z.number().nonnegative().nullable(),
    sample: z.number().int().nonnegative(),
  }),
  /** First-suggestion share above the threshold over at least the minimum number of decided requests. */
  automationBiasWarning: z.boolean(),
});
export type OversightSlice = z.infer<typeof OversightSlice>;

export const OversightResponse = OversightSlice.extend({
  period: z.object({ from: IsoDate.nullable(), to: IsoDate.nullable(), team: z.string().nullable() }),
  automationBias: z.object({
    /** `OVERSIGHT_FIRST_SUGGESTION_THRESHOLD`. */
    threshold: z.number(),
    /** `OVERSIGHT_MIN_DECISIONS`: below it, no warning (too few decisions to tell). */
    minDecisions: z.number().int(),
  }),
  /** Over decided requests, rank 1 to 10: suggestions shown at that rank, retained, and the rate. */
  acceptanceByRank: z.array(
    z.object({
      rank: z.number().int().min(1).max(10),
      shown: z.number().int().nonnegative(),
      retained: z.number().int().nonnegative(),
      rate: z.number().min(0).max(1).nullable(),
    }),
  ),
  setAsideReasons: z.array(z.object({ reason: SetAsideReason, count: z.number().int() })),
  errorReports: z.array(z.object({ kind: ErrorReportRequest.shape.kind, count: z.number().int() })),
  /** Stored requests with a guardrail warning, and refused requests, per category. */
  guardrailAlerts: z.array(
    z.object({ category: GuardrailCategory, warnings: z.number().int(), refusals: z.number().int() }),
  ),
  /** Teams by name; `team: null` gathers counsellors without a team. */
  byTeam: z.array(OversightSlice.extend({ team: z.string().nullable() })),
  /** ISO weeks in France, oldest first (`2026-W49`). */
  byWeek: z.array(OversightSlice.extend({ week: z.string() })),
});
export type OversightResponse = z.infer<typeof OversightResponse>;

/** `GET /api/admin/access-log` */
export const AccessLogQuery = z.strictObject(Page(50, 500));
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

export const AccessLogEntry = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  /** The admin's pseudonym. */
  actor: z.string(),
  /** `GET /api/admin/requests`… */
  route: z.string(),
  filters: z.record(z.string(), z.unknown()),
  rowCount: z.number().int().nonnegative(),
  /** SHA-256 of the previous entry's hash followed by this entry's canonical content. */
  hash: z.string(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogIntegrity = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int(), lastHash: z.string() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    firstBrokenId: z.number().int(),
    reason: z.enum(['content_changed', 'chain_broken']),
  }),
]);
export type AccessLogIntegrity = z.infer<typeof AccessLogIntegrity>;

export const AccessLogResponse = z.object({
  total: z.number().int().nonnegative(),
  /** Newest first. */
  items: z.array(AccessLogEntry),
  /** The whole chain checked now. */
  integrity: AccessLogIntegrity,
});
export type AccessLogResponse = z.infer<typeof AccessLogResponse>;

export const PurgeRecord = z.object({
  purgedAt: z.iso.datetime(),
  /** Everything created before it was deleted. */
  cutoff: z.iso.datetime(),
  requestsDeleted: z.number().int().nonnegative(),
  refusalsDeleted: z.number().int().nonnegative(),
  trigger: z.enum(['schedule', 'admin']),
});
export type PurgeRecord = z.infer<typeof PurgeRecord>;

export const RetentionResponse = z.object({
  retentionDays: z.number().int().positive(),
  lastPurge: PurgeRecord.nullable(),
});
export type RetentionResponse = z.infer<typeof RetentionResponse>;

export const adminRequestsRoute = route({
  method: 'get',
  path: '/api/admin/requests',
  summary: 'Audit : demandes conservées (texte expurgé), suggestions, décisions et signalements',
  access: 'admin',
  query: AdminRequestsQuery,
  response: AdminRequestsResponse,
});

/** Answers `text/csv` (UTF-8 with BOM, `;` separator, one row per request), not JSON. */
export const adminRequestsCsvRoute = route({
  method: 'get',
  path: '/api/admin/requests.csv',
  summary: 'Audit : export CSV des demandes (UTF-8 avec BOM, séparateur « ; »), mêmes filtres',
  access: 'admin',
  query: AdminRequestsCsvQuery,
  response: z.string(),
});

export const adminOversightRoute = route({
  method: 'get',
  path: '/api/admin/oversight',
  summary:
    'Contrôle humain : acceptation par rang, part « première suggestion seule », ajouts, motifs, délais',
  access: 'admin',
  query: OversightQuery,
  response: OversightResponse,
});

export const adminAccessLogRoute = route({
  method: 'get',
  path: '/api/admin/access-log',
  summary: 'Journal des consultations des données d’audit, chaîné et vérifié',
  access: 'admin',
  query: AccessLogQuery,
  response: AccessLogResponse,
});

export const adminRetentionRoute = route({
  method: 'get',
  path: '/api/admin/retention',
  summary: 'Durée de conservation et dernière purge',
  access: 'admin',
  response: RetentionResponse,
});

export const adminPurgeRoute = route({
  method: 'post',
  path: '/api/admin/retention/purge',
  summary:
    'Purge immédiate des demandes plus anciennes que la durée de conservation (en-tête X-CSRF-Token requis)',
  access: 'admin',
  response: PurgeRecord,
});

import type {
  DecisionItem,
  ErrorReportRequest,
  GuardrailCategory,
  GuardrailSummary,
  OfferKind,
  SetAsideReason,
} from '@reco/contracts';
import type { Database, Queryable } from './database';
import type { AddedOffer } from './decision-repository';

/**
 * Dates of the audit filters are days in France, and weeks are ISO weeks there: a request made at
 * 00:30 in Paris belongs to that day, whatever the server's time zone.
 */
export const AUDIT_TIME_ZONE = 'Europe/Paris';

/** Filters of the admin screens. `from` and `to` are inclusive days (`YYYY-MM-DD`). */
export interface AuditFilter {
  from?: string;
  to?: string;
  /** The guardrail's decision on the request (refused requests are not stored, only counted). */
  decision?: 'allow' | 'warn';
  category?: GuardrailCategory;
  team?: string;
}

export interface AuditRequestRow {
  requestId: string;
  conversationId: string;
  turn: number;
  createdAt: Date;
  /** The pseudonym: audit screens never show a username. */
  counsellor: string;
  team: string | null;
  redactedPrompt: string;
  guardrail: GuardrailSummary;
  mode: 'llm' | 'retrieval';
  promptVersion: string;
  model: string | null;
  suggestions: {
    rank: number;
    offerId: string;
    title: string;
    kind: OfferKind;
    explanationBy: 'llm' | 'rules';
  }[];
  decision: {
    items: DecisionItem[];
    added: AddedOffer[];
    /** ISO 8601, UTC. */
    decidedAt: string;
    msToDecide: number | null;
  } | null;
  errorReports: {
    reportId: string;
    offerId: string;
    kind: ErrorReportRequest['kind'];
    comment?: string;
    /** ISO 8601, UTC. */
    createdAt: string;
  }[];
}

/** Where a CSV export's previous page ended (newest first). */
export interface AuditCursor {
  createdAt: Date;
  requestId: string;
}

/** One row of the oversight figures: the whole period, one team, or one ISO week. */
export interface OversightGroupRow {
  scope: 'all' | 'team' | 'week';
  team: string | null;
  /** `2026-W49`. */
  week: string | null;
  requests: number;
  decided: number;
  /** Decided requests whose proposal is the first suggestion alone (nothing else retained, nothing added). */
  firstOnly: number;
  /** Decided requests with at least one offer added by the counsellor. */
  overridden: number;
  /** Requests answered in retrieval mode (the LLM unavailable or unusable). */
  degraded: number;
  /** Decided requests that carry `msToDecide`. */
  timed: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface OversightAggregates {
  groups: OversightGroupRow[];
  /** Over decided requests: suggestions shown at each rank and how many were retained. */
  ranks: { rank: number; shown: number; retained: number }[];
  setAsideReasons: { reason: SetAsideReason; count: number }[];
  errorReports: { kind: ErrorReportRequest['kind']; count: number }[];
  /** Stored requests the guardrail warned about, and refused requests, per category. */
  guardrailAlerts: { category: GuardrailCategory; warnings: number; refusals: number }[];
}

export interface LastPurge {
  purgedAt: Date;
  cutoff: Date;
  requestsDeleted: number;
  refusalsDeleted: number;
  trigger: 'schedule' | 'admin';
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const REQUEST_COLUMNS = `
  r.id AS "requestId", r.conversation_id AS "conversationId", r.turn, r.created_at AS "createdAt",
  u.pseudonym AS counsellor, u.team, r.redacted_prompt AS "redactedPrompt", r.guardrail, r.mode,
  r.prompt_version AS "promptVersion", r.model,
  COALESCE((SELECT jsonb_agg(jsonb_build_object('rank', s->'rank', 'offerId', s->'offerId', 'title', s->'title',
                                                'kind', s->'kind', 'explanationBy', s->'explanation'->'generatedBy')
                             ORDER BY (s->>'rank')::int)
              FROM jsonb_array_elements(r.suggestions) s), '[]'::jsonb) AS suggestions,
  CASE WHEN d.id IS NULL THEN NULL
       ELSE jsonb_build_object('items', d.items, 'added', d.added, 'decidedAt', ${iso('d.created_at')},
                               'msToDecide', d.ms_to_decide) END AS decision,
  COALESCE((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('reportId', e.id, 'offerId', e.offer_id,
                               'kind', e.kind, 'comment', e.comment, 'createdAt', ${iso('e.created_at')}))
                             ORDER BY e.created_at, e.id)
              FROM error_reports e WHERE e.request_id = r.id), '[]'::jsonb) AS "errorReports"`;

const REQUESTS_FROM = `recommendation_requests r
  JOIN users u ON u.id = r.user_id
  LEFT JOIN recommendation_decisions d ON d.request_id = r.id`;

/**
 * Read side of the audit for admins: the requests with their decisions and error reports, and the
 * human-oversight figures, aggregated in SQL. Shows pseudonyms only.
 */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async countRequests(filter: AuditFilter): Promise<number> {
    const params: unknown[] = [];
    const [row] = await this.db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM ${REQUESTS_FROM} WHERE ${conditions(filter, params)}`,
      params,
    );
    return row?.total ?? 0;
  }

  /** Newest first. */
  async listRequests(
    filter: AuditFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: AuditRequestRow[] }> {
    const params: unknown[] = [];
    const where = conditions(filter, params);
    const total = await this.countRequests(filter);
    params.push(page.limit, page.offset);
    const items = await this.db.query<AuditRequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUESTS_FROM} WHERE ${where}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { total, items };
  }

  /** The next page after `after` (newest first), stable while requests keep arriving: for exports. */
  async requestsAfter(
    filter: AuditFilter,
    after: AuditCursor | undefined,
    limit: number,
  ): Promise<AuditRequestRow[]> {
    const params: unknown[] = [];
    let where = conditions(filter, params);
    if (after) {
      params.push(after.createdAt, after.requestId);
      where += ` AND (r.created_at, r.id) < ($${params.length - 1}, $${params.length}::uuid)`;
    }
    params.push(limit);
    return this.db.query<AuditRequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUESTS_FROM} WHERE ${where}
        ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** The human-oversight figures for a period and team (`decision` and `category` are ignored). */
  async oversight(filter: Pick<AuditFilter, 'from' | 'to' | 'team'>): Promise<OversightAggregates> {
    return this.db.transaction(async (tx) => {
      // One snapshot for every figure, so that they add up even while counsellors work.
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return oversightIn(tx, filter);
    });
  }

  async lastPurge(): Promise<LastPurge | undefined> {
    const [row] = await this.db.query<LastPurge>(
      `SELECT purged_at AS "purgedAt", cutoff, requests_deleted AS "requestsDeleted",
              refusals_deleted AS "refusalsDeleted", trigger
         FROM retention_purges ORDER BY purged_at DESC, id DESC LIMIT 1`,
    );
    return row;
  }
}

async function oversightIn(
  tx: Queryable,
  filter: Pick<AuditFilter, 'from' | 'to' | 'team'>,
): Promise<OversightAggregates> {
  const params: unknown[] = [];
  const where = conditions({ from: filter.from, to: filter.to, team: filter.team }, params);
  const facts = `
    WITH req AS (
      SELECT r.id, r.created_at, r.mode, r.guardrail, r.suggestions, u.team,
             to_char(r.created_at AT TIME ZONE '${AUDIT_TIME_ZONE}', 'IYYY-"W"IW') AS week,
             d.id IS NOT NULL AS decided, COALESCE(d.items, '[]'::jsonb) AS items,
             COALESCE(d.added, '[]'::jsonb) AS added, d.ms_to_decide
        FROM ${REQUESTS_FROM}
       WHERE ${where}
    ),
    facts AS (
      SELECT req.*,
             decided AND jsonb_array_length(added) > 0 AS overridden,
             decided AND jsonb_array_length(added) = 0
               AND (SELECT count(*) FROM jsonb_array_elements(items) i WHERE i->>'action' = 'retained') = 1
               AND EXISTS (SELECT 1 FROM jsonb_array_elements(items) i
                             JOIN jsonb_array_elements(suggestions) s ON s->>'offerId' = i->>'offerId'
                            WHERE i->>'action' = 'retained' AND (s->>'rank')::int = 1) AS first_only
        FROM req
    )`;

  const groups = await tx.query<OversightGroupRow>(
    `${facts}
     SELECT CASE WHEN GROUPING(team) = 0 THEN 'team' WHEN GROUPING(week) = 0 THEN 'week' ELSE 'all' END AS scope,
            team, week,
            count(*)::int AS requests,
            count(*) FILTER (WHERE decided)::int AS decided,
            count(*) FILTER (WHERE first_only)::int AS "firstOnly",
            count(*) FILTER (WHERE overridden)::int AS overridden,
            count(*) FILTER (WHERE mode = 'retrieval')::int AS degraded,
            count(ms_to_decide)::int AS timed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms_to_decide) AS "medianMs",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY ms_to_decide) AS "p90Ms"
       FROM facts
      GROUP BY GROUPING SETS ((), (team), (week))
      ORDER BY scope, team NULLS LAST, week`,
    params,
  );

  const ranks = await tx.query<{ rank: number; shown: number; retained: number }>(
    `${facts}
     SELECT (s->>'rank')::int AS rank, count(*)::int AS shown,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(f.items) i
                                            WHERE i->>'offerId' = s->>'offerId' AND i->>'action' = 'retained'))::int
              AS retained
       FROM facts f CROSS JOIN LATERAL jsonb_array_elements(f.suggestions) s
      WHERE f.decided
      GROUP BY 1 ORDER BY 1`,
    params,
  );

  const setAsideReasons = await tx.query<{ reason: SetAsideReason; count: number }>(
    `${facts}
     SELECT i->>'reason' AS reason, count(*)::int AS count
       FROM facts f CROSS JOIN LATERAL jsonb_array_elements(f.items) i
      WHERE i->>'action' = 'set_aside'
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    params,
  );

  const errorReports = await tx.query<{ kind: ErrorReportRequest['kind']; count: number }>(
    `${facts}
     SELECT e.kind, count(*)::int AS count
       FROM error_reports e JOIN facts f ON f.id = e.request_id
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    params,
  );

  const refusalParams: unknown[] = [];
  const refusalWhere = conditions({ from: filter.from, to: filter.to, team: filter.team }, refusalParams, {
    createdAt: 'g.created_at',
  });
  const warnings = await tx.query<{ category: GuardrailCategory; count: number }>(
    `${facts}
     SELECT c AS category, count(*)::int AS count
       FROM facts f CROSS JOIN LATERAL jsonb_array_elements_text(f.guardrail->'categories') c
      WHERE f.guardrail->>'decision' = 'warn'
      GROUP BY 1`,
    params,
  );
  const refusals = await tx.query<{ category: GuardrailCategory; count: number }>(
    `SELECT c AS category, count(*)::int AS count
       FROM guardrail_refusals g JOIN users u ON u.id = g.user_id CROSS JOIN LATERAL unnest(g.categories) c
      WHERE ${refusalWhere}
      GROUP BY 1`,
    refusalParams,
  );
  const alerts = new Map<
    GuardrailCategory,
    { category: GuardrailCategory; warnings: number; refusals: number }
  >();
  const alert = (category: GuardrailCategory) => {
    const found = alerts.get(category) ?? { category, warnings: 0, refusals: 0 };
    alerts.set(category, found);
    return found;
  };
  for (const row of warnings) alert(row.category).warnings = row.count;
  for (const row of refusals) alert(row.category).refusals = row.count;
  const guardrailAlerts = [...alerts.values()].sort(
    (a, b) => b.warnings + b.refusals - (a.warnings + a.refusals) || a.category.localeCompare(b.category),
  );

  return { groups, ranks, setAsideReasons, errorReports, guardrailAlerts };
}

/**
 * The WHERE clause of the filters, appending their values to `params`. `from` and `to` are whole
 * days in France (`to` included).
 */
function conditions(
  filter: AuditFilter,
  params: unknown[],
  columns: { createdAt: string } = { createdAt: 'r.created_at' },
): string {
  const clauses = ['TRUE'];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.from)
    clauses.push(
      `${columns.createdAt} >= (${param(filter.from)}::date)::timestamp AT TIME ZONE '${AUDIT_TIME_ZONE}'`,
    );
  if (filter.to)
    clauses.push(
      `${columns.createdAt} < (${param(filter.to)}::date + 1)::timestamp AT TIME ZONE '${AUDIT_TIME_ZONE}'`,
    );
  if (filter.decision) clauses.push(`r.guardrail->>'decision' = ${param(filter.decision)}`);
  if (filter.category)
    clauses.push(`r.guardrail->'categories' @> jsonb_build_array(${param(filter.category)}::text)`);
  if (filter.team) clauses.push(`u.team = ${param(filter.team)}`);
  return clauses.join(' AND ');
}

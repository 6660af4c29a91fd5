import type { DecisionItem, ErrorReportRequest } from '@reco/contracts';
import type { Queryable } from './database';

export interface AddedOffer {
  offerId: string;
  note?: string;
}

export interface StoredDecision {
  id: string;
  requestId: string;
  userId: string;
  items: DecisionItem[];
  added: AddedOffer[];
  msToDecide: number | null;
  /** From the application's clock. */
  createdAt: Date;
}

export interface StoredErrorReport {
  id: string;
  requestId: string;
  userId: string;
  offerId: string;
  kind: ErrorReportRequest['kind'];
  comment: string | null;
  createdAt: Date;
}

const DECISION_COLUMNS = `id, request_id AS "requestId", user_id AS "userId", items, added,
  ms_to_decide AS "msToDecide", created_at AS "createdAt"`;

const REPORT_COLUMNS = `id, request_id AS "requestId", user_id AS "userId", offer_id AS "offerId", kind, comment,
  created_at AS "createdAt"`;

/** The counsellors' decisions on suggestions, and their error reports. */
export class DecisionRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Stores the decision unless the request already has one. Either way answers the decision now
   * stored for the request and whether it is this one: a concurrent duplicate cannot slip in.
   */
  async saveOnce(decision: StoredDecision): Promise<{ stored: StoredDecision; created: boolean }> {
    const [created] = await this.db.query<StoredDecision>(
      `INSERT INTO recommendation_decisions (id, request_id, user_id, items, added, ms_to_decide, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)
       ON CONFLICT (request_id) DO NOTHING
       RETURNING ${DECISION_COLUMNS}`,
      [
        decision.id,
        decision.requestId,
        decision.userId,
        JSON.stringify(decision.items),
        JSON.stringify(decision.added),
        decision.msToDecide,
        decision.createdAt,
      ],
    );
    if (created) return { stored: created, created: true };
    const existing = await this.findByRequest(decision.requestId);
    if (!existing) throw new Error('decision conflict without a stored decision');
    return { stored: existing, created: false };
  }

  async findByRequest(requestId: string): Promise<StoredDecision | undefined> {
    const [row] = await this.db.query<StoredDecision>(
      `SELECT ${DECISION_COLUMNS} FROM recommendation_decisions WHERE request_id = $1`,
      [requestId],
    );
    return row;
  }

  /** Those of `ids` that are active offers of the catalogue. */
  async activeOfferIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM offers WHERE id = ANY($1::text[]) AND status = 'active'`,
      [[...ids]],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Like `saveOnce`: one report per (request, offer, kind). */
  async saveErrorReportOnce(
    report: StoredErrorReport,
  ): Promise<{ stored: StoredErrorReport; created: boolean }> {
    const [created] = await this.db.query<StoredErrorReport>(
      `INSERT INTO error_reports (id, request_id, user_id, offer_id, kind, comment, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (request_id, offer_id, kind) DO NOTHING
       RETURNING ${REPORT_COLUMNS}`,
      [
        report.id,
        report.requestId,
        report.userId,
        report.offerId,
        report.kind,
        report.comment,
        report.createdAt,
      ],
    );
    if (created) return { stored: created, created: true };
    const [existing] = await this.db.query<StoredErrorReport>(
      `SELECT ${REPORT_COLUMNS} FROM error_reports WHERE request_id = $1 AND offer_id = $2 AND kind = $3`,
      [report.requestId, report.offerId, report.kind],
    );
    if (!existing) throw new Error('error report conflict without a stored report');
    return { stored: existing, created: false };
  }
}

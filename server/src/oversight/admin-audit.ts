import {
  type AccessLogQuery,
  type AccessLogResponse,
  type AdminRequestsCsvQuery,
  type AdminRequestsQuery,
  type AdminRequestsResponse,
  type AuditRequest,
  adminAccessLogRoute,
  adminOversightRoute,
  adminPurgeRoute,
  adminRequestsCsvRoute,
  adminRequestsRoute,
  type OversightQuery,
  type OversightResponse,
  type PurgeRecord,
  type RetentionResponse,
  type RouteContract,
} from '@reco/contracts';
import type {
  AccessLogRepository,
  AuditCursor,
  AuditFilter,
  AuditRepository,
  AuditRequestRow,
} from '@reco/db';
import type { Logger } from '../logger';
import type { RetentionPolicy } from '../recommendation/retention';
import { csvHeader, csvLine } from './audit-csv';
import { type OversightSettings, oversightReport } from './oversight-report';

export interface AdminAuditDependencies {
  audit: AuditRepository;
  accessLog: AccessLogRepository;
  retention: RetentionPolicy;
  settings: OversightSettings;
  logger: Logger;
  clock: () => Date;
}

/** Who is looking: admins appear in the access log by their pseudonym. */
export interface Admin {
  pseudonym: string;
}

/** Requests read per query while exporting. */
const CSV_PAGE = 500;

/**
 * The admins' audit screens. Every view of audit data (the requests, their export, the oversight
 * figures, the access log itself) and every purge writes an entry in the access log before the
 * data leaves: if the entry cannot be written, nothing is shown.
 */
export class AdminAudit {
  constructor(private readonly deps: AdminAuditDependencies) {}

  async requests(admin: Admin, query: AdminRequestsQuery): Promise<AdminRequestsResponse> {
    const { limit, offset, ...filter } = query;
    const { total, items } = await this.deps.audit.listRequests(auditFilter(filter), { limit, offset });
    await this.log(admin, adminRequestsRoute, query, items.length);
    return { total, items: items.map(toAuditRequest) };
  }

  /** The CSV export: the header, then lines page by page, once its access is logged. */
  async csvExport(
    admin: Admin,
    query: AdminRequestsCsvQuery,
  ): Promise<{ rowCount: number; lines: AsyncIterable<string> }> {
    const filter = auditFilter(query);
    const rowCount = await this.deps.audit.countRequests(filter);
    await this.log(admin, adminRequestsCsvRoute, query, rowCount);
    const audit = this.deps.audit;
    async function* lines(): AsyncIterable<string> {
      yield csvHeader();
      let after: AuditCursor | undefined;
      let sent = 0;
      // Stops at the count logged, so that the log says exactly what left.
      while (sent < rowCount) {
        const page = await audit.requestsAfter(filter, after, Math.min(CSV_PAGE, rowCount - sent));
        if (page.length === 0) return;
        for (const row of page) yield csvLine(row);
        sent += page.length;
        const last = page.at(-1) as AuditRequestRow;
        after = { createdAt: last.createdAt, requestId: last.requestId };
      }
    }
    return { rowCount, lines: lines() };
  }

  async oversight(admin: Admin, query: OversightQuery): Promise<OversightResponse> {
    const aggregates = await this.deps.audit.oversight(auditFilter(query));
    const report = oversightReport(aggregates, query, this.deps.settings);
    await this.log(admin, adminOversightRoute, query, report.requests);
    return report;
  }

  async accessLog(admin: Admin, query: AccessLogQuery): Promise<AccessLogResponse> {
    const integrity = await this.deps.accessLog.verifyChain();
    const { total, items } = await this.deps.accessLog.list(query.limit, query.offset);
    if (!integrity.ok)
      this.deps.logger.error('access log chain broken', {
        firstBrokenId: integrity.firstBrokenId,
        reason: integrity.reason,
      });
    await this.log(admin, adminAccessLogRoute, query, items.length);
    return {
      total,
      items: items.map(({ prevHash: _, at, ...entry }) => ({ ...entry, at: at.toISOString() })),
      integrity,
    };
  }

  async retention(): Promise<RetentionResponse> {
    const last = await this.deps.audit.lastPurge();
    return {
      retentionDays: this.deps.retention.retentionDays,
      lastPurge: last
        ? {
            purgedAt: last.purgedAt.toISOString(),
            cutoff: last.cutoff.toISOString(),
            requestsDeleted: last.requestsDeleted,
            refusalsDeleted: last.refusalsDeleted,
            trigger: last.trigger,
          }
        : null,
    };
  }

  async purge(admin: Admin): Promise<PurgeRecord> {
    const purgedAt = this.deps.clock();
    const result = await this.deps.retention.purge('admin');
    await this.log(
      admin,
      adminPurgeRoute,
      { cutoff: result.cutoff.toISOString() },
      result.requestsDeleted + result.refusalsDeleted,
    );
    this.deps.logger.info('retention purge', {
      trigger: 'admin',
      requests: result.requestsDeleted,
      refusals: result.refusalsDeleted,
    });
    return {
      purgedAt: purgedAt.toISOString(),
      cutoff: result.cutoff.toISOString(),
      requestsDeleted: result.requestsDeleted,
      refusalsDeleted: result.refusalsDeleted,
      trigger: 'admin',
    };
  }

  private async log(admin: Admin, route: RouteContract, filters: object, rowCount: number): Promise<void> {
    await this.deps.accessLog.append({
      at: this.deps.clock(),
      actor: admin.pseudonym,
      route: `${route.method.toUpperCase()} ${route.path}`,
      filters: { ...filters },
      rowCount,
    });
  }
}

function auditFilter(query: AuditFilter): AuditFilter {
  const { from, to, decision, category, team } = query;
  return { from, to, decision, category, team };
}

function toAuditRequest(row: AuditRequestRow): AuditRequest {
  const { decision, createdAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString(), ...(decision && { decision }) };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aStoredRecommendation } from '../test/stored-recommendation';
import { DATABASES } from '../test/test-databases';
import { AccessLogRepository } from './access-log-repository';
import { AuditRepository } from './audit-repository';
import type { Database, Queryable } from './database';
import { DecisionRepository } from './decision-repository';
import { RecommendationRepository } from './recommendation-repository';
import { UsersRepository } from './users-repository';

const DAY = 24 * 60 * 60 * 1000;
const APP_ROLE = 'reco_app';

/** The append-only audit tables, and what the application's role may do on each. */
const AUDIT_TABLE_RIGHTS: Record<string, string[]> = {
  conversations: ['SELECT', 'INSERT'],
  recommendation_requests: ['SELECT', 'INSERT'],
  recommendation_decisions: ['SELECT', 'INSERT'],
  error_reports: ['SELECT', 'INSERT'],
  guardrail_refusals: ['SELECT', 'INSERT'],
  audit_access_log: ['SELECT', 'INSERT'],
  retention_purges: ['SELECT'],
  schema_migrations: ['SELECT'],
};
const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'];

/**
 * The database as the API reaches it in production, logged in as a member of `reco_app`: every
 * statement runs in a transaction under that role. (Over pglite-socket all connections share one
 * session, so a session-wide SET ROLE would leak to the other connections.) Only the rights are
 * the production ones: SET ROLE is checked against the login, a superuser here, so `RESET ROLE`
 * would escape; hence the production login must not be the owner (docs/data-map.md).
 */
function asRole(db: Database, role: string): Database {
  const under = <T>(work: (tx: Queryable) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL ROLE ${role}`);
      return work(tx);
    });
  return {
    engine: db.engine,
    query: (sql, params) => under((tx) => tx.query(sql, params)),
    exec: () => Promise.reject(new Error('not used')),
    transaction: under,
    close: () => db.close(),
  };
}

describe.each(DATABASES)('the audit record is append-only to the application (%s)', (_name, open) => {
  let owner: Database;
  let app: Database;
  let userId: string;
  const now = new Date();
  let turn = 0;

  beforeAll(async () => {
    owner = await open();
    app = asRole(owner, APP_ROLE);
    userId = (
      await new UsersRepository(app).create({
        username: 'c1',
        passwordHash: 'x',
        role: 'counsellor',
        team: null,
      })
    ).id;
  });
  afterAll(() => owner.close());

  /** A conversation of one request, with a decision and an error report, stored by the application. */
  async function storedRequest(createdAt: Date): Promise<string> {
    const recommendations = new RecommendationRepository(app);
    const conversationId = crypto.randomUUID();
    const requestId = crypto.randomUUID();
    turn++;
    await recommendations.startConversation(conversationId, userId, createdAt);
    await recommendations.save(
      aStoredRecommendation({ id: requestId, conversationId, turn, userId, createdAt }),
    );
    const decisions = new DecisionRepository(app);
    await decisions.saveOnce({
      id: crypto.randomUUID(),
      requestId,
      userId,
      items: [{ offerId: 'o-1', action: 'retained' }],
      added: [],
      msToDecide: 1000,
      createdAt,
    });
    await decisions.saveErrorReportOnce({
      id: crypto.randomUUID(),
      requestId,
      userId,
      offerId: 'o-1',
      kind: 'wrong_fact',
      comment: null,
      createdAt,
    });
    return requestId;
  }

  it('grants the application role SELECT and INSERT only on the audit tables, and the rest in full', async () => {
    const rows = await owner.query<{ table: string; privilege: string; granted: boolean }>(
      `SELECT t.tablename AS table, p.privilege,
              has_table_privilege($1, format('public.%I', t.tablename), p.privilege) AS granted
         FROM pg_tables t CROSS JOIN unnest($2::text[]) AS p (privilege)
        WHERE t.schemaname = 'public'`,
      [APP_ROLE, PRIVILEGES],
    );
    const rights = new Map<string, string[]>();
    for (const { table, privilege, granted } of rows)
      if (granted) rights.set(table, [...(rights.get(table) ?? []), privilege]);
    for (const table of new Set(rows.map((row) => row.table)))
      expect([table, rights.get(table) ?? []]).toEqual([
        table,
        AUDIT_TABLE_RIGHTS[table] ?? ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
      ]);
    expect(rights.has('offers')).toBe(true);
  });

  it('lets the application store and read the audit record through the repositories', async () => {
    const requestId = await storedRequest(now);
    await new RecommendationRepository(app).recordRefusal(userId, ['health'], now);
    const log = new AccessLogRepository(app);
    await log.append({ at: now, actor: 'A-1', route: 'GET /api/admin/requests', filters: {}, rowCount: 1 });
    await log.append({ at: now, actor: 'A-1', route: 'GET /api/admin/oversight', filters: {}, rowCount: 1 });

    expect(await new RecommendationRepository(app).find(requestId)).toMatchObject({ turn });
    const audit = new AuditRepository(app);
    expect((await audit.listRequests({}, { limit: 10, offset: 0 })).items[0]).toMatchObject({
      requestId,
      decision: { items: [{ offerId: 'o-1', action: 'retained' }] },
      errorReports: [{ offerId: 'o-1', kind: 'wrong_fact' }],
    });
    expect((await audit.oversight({})).groups[0]).toMatchObject({ scope: 'all', decided: 1 });
    expect(await log.verifyChain()).toMatchObject({ ok: true, entries: 2 });
  });

  it.each([
    ['UPDATE recommendation_requests SET redacted_prompt = $1', ['effacé']],
    ['DELETE FROM recommendation_requests', []],
    ['TRUNCATE recommendation_requests CASCADE', []],
    ['UPDATE conversations SET created_at = now()', []],
    ['DELETE FROM conversations', []],
    ['UPDATE recommendation_decisions SET items = $1::jsonb', ['[]']],
    ['DELETE FROM recommendation_decisions', []],
    ['DELETE FROM error_reports', []],
    ['DELETE FROM guardrail_refusals', []],
    ['UPDATE audit_access_log SET row_count = 0', []],
    ['DELETE FROM audit_access_log', []],
    ['TRUNCATE audit_access_log', []],
    [
      `INSERT INTO retention_purges (cutoff, requests_deleted, refusals_deleted, trigger) VALUES (now(), 0, 0, 'admin')`,
      [],
    ],
    ['DELETE FROM retention_purges', []],
    ['DELETE FROM schema_migrations', []],
  ])('refuses the application role: %s', async (sql, params) => {
    await expect(app.query(sql, params)).rejects.toThrow(/permission denied for table/);
  });

  it('refuses the application role the ways around its privileges', async () => {
    await expect(app.query('ALTER TABLE audit_access_log DISABLE TRIGGER USER')).rejects.toThrow(
      /must be owner/,
    );
    await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
  });

  describe('even for the owner', () => {
    // A row in each table for the row triggers to refuse: the purge log's, then the others'.
    beforeAll(async () => {
      await new RecommendationRepository(app).purgeOlderThan(
        new Date(now.getTime() - 400 * DAY),
        'schedule',
        now,
      );
      await storedRequest(now);
      await new AccessLogRepository(app).append({
        at: now,
        actor: 'A-1',
        route: 'GET /x',
        filters: {},
        rowCount: 0,
      });
    });

    it.each([
      [
        'UPDATE recommendation_requests SET redacted_prompt = $1',
        ['effacé'],
        'UPDATE on recommendation_requests',
      ],
      ['UPDATE recommendation_decisions SET items = $1::jsonb', ['[]'], 'UPDATE on recommendation_decisions'],
      ['UPDATE error_reports SET comment = $1', ['faux'], 'UPDATE on error_reports'],
      ['UPDATE audit_access_log SET row_count = 0', [], 'UPDATE on audit_access_log'],
      ['DELETE FROM audit_access_log', [], 'DELETE on audit_access_log'],
      ['TRUNCATE audit_access_log', [], 'TRUNCATE on audit_access_log'],
      ['UPDATE retention_purges SET requests_deleted = 0', [], 'UPDATE on retention_purges'],
      ['DELETE FROM retention_purges', [], 'DELETE on retention_purges'],
    ])('refuses %s', async (sql, params, refusal) => {
      await expect(owner.query(sql, params)).rejects.toThrow(
        `${refusal} refused: the audit record is append-only`,
      );
    });
  });

  it('deletes retained prompts only through the purge, which refuses a cutoff less than a day old', async () => {
    const old = await storedRequest(new Date(now.getTime() - 100 * DAY));
    const recent = await storedRequest(new Date(now.getTime() - DAY / 2));
    const purges = new RecommendationRepository(app);
    const count = async () =>
      (await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM retention_purges'))[0]?.n;
    const before = await count();

    // What a compromised application would try: everything, up to now.
    await expect(purges.purgeOlderThan(new Date(), 'admin', now)).rejects.toThrow(
      /retention purge refused: the cutoff .* is less than 1 day old/,
    );
    await expect(purges.purgeOlderThan(new Date(Date.now() - DAY + 60_000), 'admin', now)).rejects.toThrow(
      /less than 1 day old/,
    );
    expect(await purges.find(recent)).toBeDefined();
    expect(await count()).toBe(before);

    const cutoff = new Date(now.getTime() - 90 * DAY);
    expect(await purges.purgeOlderThan(cutoff, 'admin', now)).toEqual({
      cutoff,
      requestsDeleted: 1,
      decisionsDeleted: 1,
      errorReportsDeleted: 1,
      conversationsDeleted: 1,
      refusalsDeleted: 0,
    });
    expect(await purges.find(old)).toBeUndefined();
    expect(await purges.find(recent)).toBeDefined();
    const [record] = await owner.query<{
      cutoff: Date;
      trigger: string;
      recordedBy: string;
      recordedAt: Date;
    }>(
      `SELECT cutoff, trigger, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
         FROM retention_purges ORDER BY id DESC LIMIT 1`,
    );
    expect(record).toMatchObject({ cutoff, trigger: 'admin', recordedBy: 'postgres' });
    expect(Math.abs((record?.recordedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('lets no other role run the purge', async () => {
    await owner.query(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reco_other') THEN
         CREATE ROLE reco_other NOLOGIN; END IF; END $$`,
    );
    await expect(
      new RecommendationRepository(asRole(owner, 'reco_other')).purgeOlderThan(
        new Date(now.getTime() - 90 * DAY),
        'admin',
        now,
      ),
    ).rejects.toThrow(/permission denied for function purge_retained_prompts/);
  });
});

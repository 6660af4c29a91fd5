-- The audit record (retained prompts and what hangs off them, guardrail refusals, the admins' access
-- log, the purge log) is append-only for the application, enforced here rather than in the code, so
-- that it still holds if the application is compromised:
--   * `reco_app` is the application's role: SELECT and INSERT on the audit tables, no UPDATE, DELETE
--     or TRUNCATE; full read-write on the rest (catalogue, accounts, sessions).
--   * the retention purge is the only way to delete retained prompts: `purge_retained_prompts`, run
--     with its owner's rights, deletes only what is older than a cutoff at least a day old by the
--     database's clock, and records itself in `retention_purges`.
--   * triggers refuse, to every role, any change to a stored request, decision or error report, and
--     any change or removal in the access log and the purge log.
-- In production the API logs in as a role granted `reco_app` (docs/data-map.md), not as the owner
-- that runs migrations and ingestion. Every statement can run again without harm.

-- Roles belong to the whole server: another database of it may have created this one already, and
-- the migration owner needs CREATEROLE only if it has not.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reco_app') THEN
    CREATE ROLE reco_app NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO reco_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO reco_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reco_app;
-- Tables of later migrations are the application's to write; an append-only one revokes like below.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO reco_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO reco_app;

REVOKE UPDATE, DELETE, TRUNCATE
  ON conversations, recommendation_requests, recommendation_decisions, error_reports, guardrail_refusals,
     audit_access_log
  FROM reco_app;
-- Written by the purge function and by migrations only.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON retention_purges, schema_migrations FROM reco_app;

-- What the purge removed beyond requests and refusals, and when and by whom by the database itself:
-- `purged_at` is the application's clock, which a compromised application could forge.
ALTER TABLE retention_purges
  ADD COLUMN IF NOT EXISTS decisions_deleted     integer NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS error_reports_deleted integer NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS conversations_deleted integer NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS recorded_at           timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS recorded_by           text NOT NULL DEFAULT session_user;

-- Deletes the requests created before `p_cutoff` with their decisions and error reports, the
-- conversations left empty, and the refusals, then records the purge and returns that record.
-- Refuses a cutoff less than a day old by the database's clock: whatever the application asks, the
-- last day of the audit record stays.
CREATE OR REPLACE FUNCTION purge_retained_prompts(p_cutoff timestamptz, p_trigger text, p_purged_at timestamptz)
  RETURNS retention_purges
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  doomed          uuid[];
  n_decisions     integer;
  n_error_reports integer;
  n_requests      integer;
  n_conversations integer;
  n_refusals      integer;
  purge           retention_purges;
BEGIN
  IF p_cutoff IS NULL OR p_cutoff > now() - interval '1 day' THEN
    RAISE EXCEPTION 'retention purge refused: the cutoff % is less than 1 day old', p_cutoff
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT coalesce(array_agg(id), '{}') INTO doomed FROM recommendation_requests WHERE created_at < p_cutoff;
  -- Their rows would go by cascade anyway: deleted first so that the record can count them.
  DELETE FROM recommendation_decisions WHERE request_id = ANY (doomed);
  GET DIAGNOSTICS n_decisions = ROW_COUNT;
  DELETE FROM error_reports WHERE request_id = ANY (doomed);
  GET DIAGNOSTICS n_error_reports = ROW_COUNT;
  DELETE FROM recommendation_requests WHERE id = ANY (doomed);
  GET DIAGNOSTICS n_requests = ROW_COUNT;
  DELETE FROM conversations c WHERE c.created_at < p_cutoff
     AND NOT EXISTS (SELECT 1 FROM recommendation_requests r WHERE r.conversation_id = c.id);
  GET DIAGNOSTICS n_conversations = ROW_COUNT;
  DELETE FROM guardrail_refusals WHERE created_at < p_cutoff;
  GET DIAGNOSTICS n_refusals = ROW_COUNT;
  INSERT INTO retention_purges (purged_at, cutoff, trigger, requests_deleted, refusals_deleted,
                                decisions_deleted, error_reports_deleted, conversations_deleted)
  VALUES (p_purged_at, p_cutoff, p_trigger, n_requests, n_refusals, n_decisions, n_error_reports, n_conversations)
  RETURNING * INTO purge;
  RETURN purge;
END
$$;

REVOKE ALL ON FUNCTION purge_retained_prompts(timestamptz, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_retained_prompts(timestamptz, text, timestamptz) TO reco_app;

CREATE OR REPLACE FUNCTION refuse_audit_change()
  RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION '% on % refused: the audit record is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Stored requests, decisions and error reports are final; they leave only through the purge.
DROP TRIGGER IF EXISTS recommendation_requests_final ON recommendation_requests;
CREATE TRIGGER recommendation_requests_final BEFORE UPDATE ON recommendation_requests
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
DROP TRIGGER IF EXISTS recommendation_decisions_final ON recommendation_decisions;
CREATE TRIGGER recommendation_decisions_final BEFORE UPDATE ON recommendation_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
DROP TRIGGER IF EXISTS error_reports_final ON error_reports;
CREATE TRIGGER error_reports_final BEFORE UPDATE ON error_reports
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

-- The access log and the purge log are never purged: nothing may change or remove an entry.
DROP TRIGGER IF EXISTS audit_access_log_append_only ON audit_access_log;
CREATE TRIGGER audit_access_log_append_only BEFORE UPDATE OR DELETE ON audit_access_log
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
DROP TRIGGER IF EXISTS audit_access_log_no_truncate ON audit_access_log;
CREATE TRIGGER audit_access_log_no_truncate BEFORE TRUNCATE ON audit_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
DROP TRIGGER IF EXISTS retention_purges_append_only ON retention_purges;
CREATE TRIGGER retention_purges_append_only BEFORE UPDATE OR DELETE ON retention_purges
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
DROP TRIGGER IF EXISTS retention_purges_no_truncate ON retention_purges;
CREATE TRIGGER retention_purges_no_truncate BEFORE TRUNCATE ON retention_purges
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

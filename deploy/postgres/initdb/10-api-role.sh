#!/bin/sh
# The API's login to PostgreSQL, a member of `reco_app` and not the owner: the rights of reco_app
# (db/src/migrations/0006_append_only_audit.sql) then bind the API, which cannot RESET ROLE to the
# owner. The postgres image runs this once, as the owner, when the postgres-data volume is first
# initialised (before the `migrate` service applies the migrations). It can run again at any time:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-api-role.sh
# creates what is missing and sets the login's password to POSTGRES_API_PASSWORD.
set -e

# The owner as the API's login would lose its rights below, and the API would gain them all.
case "$POSTGRES_API_USER" in
  "$POSTGRES_USER" | reco_app)
    echo "POSTGRES_API_USER must be a login of its own, neither POSTGRES_USER nor reco_app" >&2
    exit 1
    ;;
esac

# Quoted heredoc: the shell expands nothing in it; psql quotes the values itself (:'…' as a literal,
# :"…" as an identifier). Variables are not expanded inside DO blocks, hence \gset and \if.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v api_user="${POSTGRES_API_USER:?set POSTGRES_API_USER}" \
  -v api_password="${POSTGRES_API_PASSWORD:?set POSTGRES_API_PASSWORD}" <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reco_app') AS app_role_missing \gset
\if :app_role_missing
CREATE ROLE reco_app NOLOGIN;
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'api_user') AS api_login_missing \gset
\if :api_login_missing
CREATE ROLE :"api_user" LOGIN IN ROLE reco_app;
\endif
-- Also when it existed: nothing more than a member of reco_app, whose rights it inherits.
ALTER ROLE :"api_user" WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'api_password';
GRANT reco_app TO :"api_user";
SQL

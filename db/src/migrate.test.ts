import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { migrate, splitStatements } from './migrate';
import { openDatabase } from './open-database';

const APPEND_ONLY_MIGRATION = new URL('./migrations/0006_append_only_audit.sql', import.meta.url);

describe('migrations on the embedded PostgreSQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({});
  });
  afterAll(() => db.close());

  it('creates the catalogue schema once and is a no-op the second time', async () => {
    const tables = await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['offers', 'source_records', 'offer_embeddings', 'quarantine', 'ingest_runs']),
    );
    expect(await migrate(db)).toEqual([]);
  });

  it('searches French text without accents and with stemming', async () => {
    const [row] = await db.query<{ matches: boolean }>(
      `SELECT to_tsvector('fr_unaccent', 'Formation d''aides-soignantes à l''hôpital')
              @@ websearch_to_tsquery('fr_unaccent', 'aide soignante hopital') AS matches`,
    );
    expect(row?.matches).toBe(true);
  });

  it('applies the append-only migration again without harm, its role already there', async () => {
    const statements = splitStatements(readFileSync(APPEND_ONLY_MIGRATION, 'utf8'));
    await db.transaction(async (tx) => {
      for (const statement of statements) await tx.query(statement);
    });
    const [triggers] = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_trigger WHERE tgname LIKE '%append_only' OR tgname LIKE '%_final'`,
    );
    expect(triggers?.count).toBe(5);
  });

  it('lets a login without the right to create tables start on a migrated database', async () => {
    await db.exec('SET ROLE reco_app');
    try {
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.exec('RESET ROLE');
    }
  });
});

describe('splitting a migration into statements', () => {
  it('cuts at line-ending semicolons, but not inside dollar-quoted bodies, and drops comment lines', () => {
    const script = [
      '-- a comment; with a semicolon;',
      'CREATE TABLE t (id int);',
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$',
      'BEGIN',
      '  -- kept: inside the body;',
      "  RAISE EXCEPTION 'no; never';",
      'END',
      '$body$;',
      'DO $$ BEGIN PERFORM 1; END $$;',
      "ALTER TABLE t ADD CHECK (x ~ '^a$');",
    ].join('\n');
    expect(splitStatements(script)).toEqual([
      'CREATE TABLE t (id int)',
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n  -- kept: inside the body;\n  RAISE EXCEPTION 'no; never';\nEND\n$body$",
      'DO $$ BEGIN PERFORM 1; END $$',
      "ALTER TABLE t ADD CHECK (x ~ '^a$')",
    ]);
  });
});

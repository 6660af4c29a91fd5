import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { migrate } from './migrate';
import { openDatabase } from './open-database';

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
});

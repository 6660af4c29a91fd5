import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from './database';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** Applies, in order and each in its own transaction, the SQL migrations not yet applied. */
export async function migrate(db: Database): Promise<string[]> {
  // Created only when missing: a login without CREATE on the schema (the API's role in production)
  // can then start on a database its owner has migrated, and fails only when a migration is pending.
  const [ledger] = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`,
  );
  if (!ledger?.exists)
    await db.exec(`CREATE TABLE schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = new Set(
    (await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
  );
  const pending = readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith('.sql') && !applied.has(file))
    .sort();
  for (const file of pending) {
    const sql = readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8');
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
    });
  }
  return pending;
}

/**
 * Multi-statement scripts need the simple protocol, transactions the extended one: the script is cut
 * at lines ending with `;`, except inside dollar-quoted bodies (functions, DO blocks). Comment lines
 * outside those bodies are dropped.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let lines: string[] = [];
  let openQuote: string | undefined;
  for (const line of sql.split('\n')) {
    if (openQuote === undefined && line.trimStart().startsWith('--')) continue;
    lines.push(line);
    for (const [quote] of line.matchAll(/\$[A-Za-z_]*\$/g)) {
      if (openQuote === undefined) openQuote = quote;
      else if (quote === openQuote) openQuote = undefined;
    }
    if (openQuote === undefined && /;\s*$/.test(line)) {
      statements.push(lines.join('\n'));
      lines = [];
    }
  }
  statements.push(lines.join('\n'));
  return statements.map((statement) => statement.trim().replace(/;$/, '')).filter((statement) => statement);
}

import { createHash } from 'node:crypto';
import type { Database } from './database';

/** What an admin looked at: who (pseudonym), when, which route with which filters, how many rows. */
export interface AccessLogInput {
  /** From the application's clock. */
  at: Date;
  /** The admin's pseudonym, never their username. */
  actor: string;
  /** `GET /api/admin/requests`… */
  route: string;
  /** JSON values only; `undefined` members are left out. */
  filters: Record<string, unknown>;
  rowCount: number;
}

export interface AccessLogEntry extends AccessLogInput {
  /** 1, 2, 3…: hashed with the rest, so entries cannot be renumbered unnoticed. */
  id: number;
  prevHash: string;
  hash: string;
}

export type ChainVerification =
  | {
      ok: true;
      entries: number /** To copy somewhere else: it seals every entry up to now. */;
      lastHash: string;
    }
  | {
      ok: false;
      /** Entries checked and found sound before the first broken one. */
      entries: number;
      firstBrokenId: number;
      /** `content_changed`: the entry was edited; `chain_broken`: an entry before it was removed, added or moved. */
      reason: 'content_changed' | 'chain_broken';
    };

/** An entry that does not fit the chain. */
export interface ChainBreak {
  id: number;
  /** `chain_broken`: `prev_hash` is not the hash of the entry before; `content_changed`: the content does not hash to `hash`. */
  reason: 'content_changed' | 'chain_broken';
  /** The hash of the entry before (`chain_broken`), or the hash recomputed from the content (`content_changed`). */
  expected: string;
  /** The stored `prev_hash` (`chain_broken`), or the stored `hash` (`content_changed`). */
  found: string;
}

export interface ChainInspection {
  entries: number;
  /** The stored hash of the last entry (the genesis hash when the log is empty). */
  lastHash: string;
  /** In chain order; empty when the log is intact. */
  breaks: ChainBreak[];
}

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Serialises appends across connections and replicas; needs no table privilege beyond INSERT. */
const APPEND_LOCK = 7_305_001;
const VERIFY_BATCH = 1000;

/**
 * The canonical content of an entry: JSON with sorted keys, the date in ISO 8601 (milliseconds).
 * What is hashed, and the same whichever way the entry was read back (jsonb reorders keys).
 */
export function accessLogContent(entry: Omit<AccessLogEntry, 'prevHash' | 'hash'>): string {
  return canonicalJson({
    id: entry.id,
    at: entry.at.toISOString(),
    actor: entry.actor,
    route: entry.route,
    filters: entry.filters,
    rowCount: entry.rowCount,
  });
}

export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

const COLUMNS = `id, at, actor, route, filters, row_count AS "rowCount", prev_hash AS "prevHash", hash`;

/**
 * The admins' access log: append-only and tamper-evident. Each entry's hash covers the previous
 * entry's hash, so editing, inserting or removing an entry breaks the chain at that entry, which
 * `verifyChain` reports. (Removing the latest entries is only detectable against a `lastHash`
 * copied elsewhere.) The database itself refuses UPDATE, DELETE and TRUNCATE on the log to every
 * role (migration 0006), so that an edit needs a superuser disabling triggers, which the chain shows.
 */
export class AccessLogRepository {
  constructor(private readonly db: Database) {}

  async append(input: AccessLogInput): Promise<AccessLogEntry> {
    const filters = JSON.parse(canonicalJson(input.filters)) as Record<string, unknown>;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const [last] = await tx.query<{ id: number; hash: string }>(
        'SELECT id, hash FROM audit_access_log ORDER BY id DESC LIMIT 1',
      );
      const entry = { ...input, filters, id: (last?.id ?? 0) + 1 };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = chainHash(prevHash, accessLogContent(entry));
      await tx.query(
        `INSERT INTO audit_access_log (id, at, actor, route, filters, row_count, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
        [
          entry.id,
          entry.at,
          entry.actor,
          entry.route,
          JSON.stringify(filters),
          entry.rowCount,
          prevHash,
          hash,
        ],
      );
      return { ...entry, prevHash, hash };
    });
  }

  /** Newest first. */
  async list(limit: number, offset: number): Promise<{ total: number; items: AccessLogEntry[] }> {
    const [count] = await this.db.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM audit_access_log',
    );
    const items = await this.db.query<AccessLogEntry>(
      `SELECT ${COLUMNS} FROM audit_access_log ORDER BY id DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { total: count?.total ?? 0, items };
  }

  /** Recomputes the chain from the first entry; reports the first entry that does not fit. */
  async verifyChain(): Promise<ChainVerification> {
    let entries = 0;
    let lastHash = GENESIS_HASH;
    for await (const { entry, breaks } of this.walkChain()) {
      const [first] = breaks;
      if (first) return { ok: false, entries, firstBrokenId: entry.id, reason: first.reason };
      entries++;
      lastHash = entry.hash;
    }
    return { ok: true, entries, lastHash };
  }

  /** Walks the whole chain and lists every entry that does not fit, for an audit. */
  async inspectChain(): Promise<ChainInspection> {
    let entries = 0;
    let lastHash = GENESIS_HASH;
    const breaks: ChainBreak[] = [];
    for await (const walked of this.walkChain()) {
      breaks.push(...walked.breaks);
      entries++;
      lastHash = walked.entry.hash;
    }
    return { entries, lastHash, breaks };
  }

  /**
   * Each entry with what is wrong with it. Every link is checked against the stored hash of the entry
   * before, not a recomputed one, so that one edited entry is one break, not a break of all that follow.
   */
  private async *walkChain(): AsyncGenerator<{ entry: AccessLogEntry; breaks: ChainBreak[] }> {
    let previousHash = GENESIS_HASH;
    let afterId = 0;
    for (;;) {
      const batch = await this.db.query<AccessLogEntry>(
        `SELECT ${COLUMNS} FROM audit_access_log WHERE id > $1 ORDER BY id LIMIT $2`,
        [afterId, VERIFY_BATCH],
      );
      for (const entry of batch) {
        const breaks: ChainBreak[] = [];
        if (entry.prevHash !== previousHash)
          breaks.push({
            id: entry.id,
            reason: 'chain_broken',
            expected: previousHash,
            found: entry.prevHash,
          });
        const recomputed = chainHash(entry.prevHash, accessLogContent(entry));
        if (recomputed !== entry.hash)
          breaks.push({ id: entry.id, reason: 'content_changed', expected: recomputed, found: entry.hash });
        yield { entry, breaks };
        previousHash = entry.hash;
        afterId = entry.id;
      }
      if (batch.length < VERIFY_BATCH) return;
    }
  }
}

/** JSON with object keys sorted at every depth; `undefined` members dropped, dates as ISO strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

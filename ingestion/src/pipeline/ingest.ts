import { basename } from 'node:path';
import type { IngestSummary, QuarantineEntry } from '@reco/contracts';
import {
  type CatalogueRepository,
  type ExistingSourceRecord,
  type OfferRow,
  type SourceKey,
  type StoredSourceRecord,
  sourceKey,
} from '@reco/db';
import type { Referentials } from '@reco/referentials';
import { assignOffers, composeOffer, lastSessionEnd, offerIdOf } from '../harmonise/compose-offer';
import { type HarmoniseResult, harmonise } from '../harmonise/harmonise';
import type { HarmonisedRecord } from '../harmonise/harmonised-record';
import { stableHash } from '../harmonise/stable-hash';
import { boundedEntry } from '../parsers/safe-events';
import type { SourceRecord } from '../parsers/source-record';
import { type CatalogueEmbedding, embedCatalogue } from './embed-catalogue';
import { embeddingText, OFFER_TEXT_VERSION, searchBody } from './offer-text';
import { type FileProgress, type InputFile, openCatalogueFile, sourceOf } from './read-files';

export interface IngestDependencies {
  catalogue: CatalogueRepository;
  referentials: Referentials;
  embedding: CatalogueEmbedding;
  /** Sessions that ended before this date (YYYY-MM-DD) are expired. */
  referenceDate: string;
  onProgress?: (progress: IngestProgress) => void;
}

export type IngestProgress =
  | ({ phase: 'read' } & FileProgress)
  | { phase: 'compose' | 'embed'; done: number; total: number };

export interface IngestOptions {
  /** A partial delivery adds and updates but retires nothing. */
  partial?: boolean;
}

const BATCH_SIZE = 1000;

/**
 * One ingestion run: parse every file (streaming), harmonise, store producer records by content
 * hash, retire what a complete delivery no longer has, merge producers, compose offers, embed what
 * changed. Bad records are quarantined, never fatal.
 */
export async function ingest(
  deps: IngestDependencies,
  files: readonly InputFile[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const { catalogue } = deps;
  const runId = await catalogue.startRun(
    files.map((file) => file.path),
    OFFER_TEXT_VERSION,
  );
  const run = new RunState();
  try {
    const resuming = (await catalogue.unfinishedRunsBefore(runId)) > 0;
    const offerTextOutdated = await catalogue.offerTextOutdatedBefore(runId, OFFER_TEXT_VERSION);
    for (const file of files) await ingestFile(deps, runId, file, run);
    await run.flush(deps, runId);
    const retired = options.partial ? [] : await catalogue.retireMissing(runId, run.completeScopes());
    for (const record of retired) run.touch(record);
    // An interrupted run may have stored records without merging or composing them, or retired and
    // moved records without recomposing their offers; its records now look unchanged. Recomposing
    // the whole catalogue from the stored records, as a first run does, leaves no such gap.
    // Likewise when the searchable text is now built differently: unchanged records, new text.
    if (resuming || offerTextOutdated)
      for (const key of await catalogue.activeCatalogueKeys()) run.touch(key);
    const merged = await reassignMergedRecords(catalogue, run);
    await recomposeOffers(deps, runId, run.touchedOffers);
    await embedCatalogue(deps, deps.embedding);
    await catalogue.refreshStatistics();
    const summary: IngestSummary = {
      read: run.read,
      ingested: run.ingested,
      updated: run.updated,
      unchanged: run.unchanged,
      merged,
      retired: retired.length,
      quarantined: run.quarantinedCount,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    await catalogue.finishRun(runId, 'completed', summary);
    return summary;
  } catch (error) {
    await catalogue.finishRun(runId, 'failed');
    throw error;
  }
}

async function ingestFile(deps: IngestDependencies, runId: number, file: InputFile, run: RunState) {
  const fileScopes = new Set<string>();
  const { format, events } = await openCatalogueFile(file, (progress) =>
    deps.onProgress?.({ phase: 'read', ...progress }),
  );
  // A file whose source is unknown might have been any delivery: retire nothing this run.
  if (!format) run.blockAllRetirement = true;
  const fileName = basename(file.path);
  for await (const event of events) {
    if (event.type === 'incomplete') {
      run.blockScopes(fileScopes, format && sourceOf(format));
      continue;
    }
    run.read++;
    if (event.type === 'quarantine') {
      run.quarantine(event.entry);
    } else {
      const { record } = event;
      fileScopes.add(record.scope);
      run.deliveredScopes.add(record.scope);
      run.accept(record, fileName, harmonise(record, deps.referentials, deps.referenceDate));
    }
    if (run.isBatchFull()) await run.flush(deps, runId);
  }
}

/** What one run has seen and changed so far. */
class RunState {
  read = 0;
  ingested = 0;
  updated = 0;
  unchanged = 0;
  quarantinedCount = 0;
  private pendingQuarantine: QuarantineEntry[] = [];
  private pending: HarmonisedRecord[] = [];
  /** Where each record of this run was first read: a second delivery of it is refused. */
  private readonly firstDelivery = new Map<string, string>();
  deliveredScopes = new Set<string>();
  private readonly blockedScopes = new Set<string>();
  private readonly blockedSources = new Set<string>();
  blockAllRetirement = false;
  touchedOffers = new Set<string>();
  touchedMergeKeys = new Set<string>();

  /**
   * A delivery that stopped part-way must not retire what it did not get to. Partner feeds carry
   * their scope in each record; LHEO and MCF deliveries are their whole source.
   */
  blockScopes(scopes: ReadonlySet<string>, source: string | undefined) {
    if (!source) {
      this.blockAllRetirement = true;
      return;
    }
    for (const scope of scopes) this.blockedScopes.add(scope);
    if (source !== 'partner' || scopes.size === 0) this.blockedSources.add(source);
  }

  completeScopes(): string[] {
    if (this.blockAllRetirement) return [];
    return [...this.deliveredScopes].filter(
      (scope) => !this.blockedScopes.has(scope) && !this.blockedSources.has(scope.split(':')[0] ?? scope),
    );
  }

  quarantine(entry: QuarantineEntry) {
    this.quarantinedCount++;
    this.pendingQuarantine.push(boundedEntry(entry));
  }

  /** Keeps a harmonised record for the next batch, or quarantines it with where and why. */
  accept(record: SourceRecord, file: string, result: HarmoniseResult) {
    const where = { file, source: record.source, position: record.position };
    if (!result.ok) {
      this.quarantine({ ...where, reason: result.reason, excerpt: record.title });
      return;
    }
    const key = sourceKey(result.record.provenance);
    const first = this.firstDelivery.get(key);
    if (first !== undefined) {
      // As within one file, the first delivery stands: storing both would silently drop one.
      this.quarantine({
        ...where,
        reason: `duplicate id "${record.sourceId}": already delivered this run in ${first}`,
        excerpt: record.title,
      });
      return;
    }
    this.firstDelivery.set(key, `${file} (${record.position})`);
    this.pending.push(result.record);
  }

  isBatchFull(): boolean {
    return this.pending.length >= BATCH_SIZE || this.pendingQuarantine.length >= BATCH_SIZE;
  }

  touch(record: Pick<ExistingSourceRecord, 'offerId' | 'mergeKey'>) {
    this.touchedOffers.add(record.offerId);
    if (record.mergeKey) this.touchedMergeKeys.add(record.mergeKey);
  }

  /** Stores the batch read so far: records by content hash, and what was quarantined. */
  async flush(deps: IngestDependencies, runId: number) {
    await deps.catalogue.saveQuarantine(runId, this.pendingQuarantine.splice(0));
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const existing = await deps.catalogue.findSourceRecords(batch.map((record) => record.provenance));
    const changed: StoredSourceRecord[] = [];
    const seen: SourceKey[] = [];
    for (const record of batch) {
      const { qualityFlags, provenance, scope, mergeKey, ...content } = record;
      const contentHash = stableHash({ ...content, qualityFlags, mergeKey });
      const previous = existing.get(sourceKey(provenance));
      if (previous && previous.contentHash === contentHash && previous.status === 'active') {
        this.unchanged++;
        seen.push(provenance);
        continue;
      }
      if (previous) {
        this.updated++;
        this.touch(previous);
      } else this.ingested++;
      const offerId = previous?.offerId ?? offerIdOf(record);
      changed.push({ ...provenance, scope, mergeKey, offerId, contentHash, record });
      this.touch({ offerId, mergeKey });
    }
    await deps.catalogue.upsertSourceRecords(runId, changed);
    await deps.catalogue.markSeen(runId, seen);
  }
}

/** Re-decides, for every merge key this run touched, which offer each record feeds. */
async function reassignMergedRecords(catalogue: CatalogueRepository, run: RunState): Promise<number> {
  const records = await catalogue.activeRecordsByMergeKeys([...run.touchedMergeKeys]);
  const groups = new Map<string, ExistingSourceRecord[]>();
  for (const record of records) {
    const key = record.mergeKey ?? '';
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const moves: (SourceKey & { offerId: string })[] = [];
  let merged = 0;
  for (const group of groups.values()) {
    for (const [record, offerId] of assignOffers(group)) {
      if (record.offerId === offerId) continue;
      moves.push({ source: record.source, sourceId: record.sourceId, offerId });
      run.touchedOffers.add(record.offerId);
      run.touchedOffers.add(offerId);
      if (offerId !== `${record.source}:${record.sourceId}`) merged++;
    }
  }
  await catalogue.assignOffers(moves);
  return merged;
}

async function recomposeOffers(deps: IngestDependencies, runId: number, offerIds: ReadonlySet<string>) {
  const ids = [...offerIds].sort();
  const orphaned: string[] = [];
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    const batch = ids.slice(start, start + BATCH_SIZE);
    const recordsByOffer = await deps.catalogue.activeRecordsOfOffers(batch);
    const rows: OfferRow[] = [];
    for (const id of batch) {
      const records = recordsByOffer.get(id);
      if (!records) {
        orphaned.push(id);
        continue;
      }
      const offer = composeOffer(
        id,
        records.map((stored) => stored.record as HarmonisedRecord),
      );
      rows.push({
        offer,
        body: searchBody(offer, deps.referentials),
        embedTextHash: stableHash(embeddingText(offer, deps.referentials)),
        lastSessionEnd: lastSessionEnd(offer),
      });
    }
    await deps.catalogue.upsertOffers(runId, rows);
    deps.onProgress?.({
      phase: 'compose',
      done: Math.min(start + BATCH_SIZE, ids.length),
      total: ids.length,
    });
  }
  await deps.catalogue.retireOffers(orphaned);
}

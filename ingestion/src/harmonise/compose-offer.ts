import type { LocationPrecision, Offer, QualityFlag, Session, SourceName } from '@reco/contracts';
import type { HarmonisedRecord } from './harmonised-record';
import { stableHash } from './stable-hash';

/** LHEO is the richest format (sessions, exact place), partner feeds the poorest in certification data. */
const SOURCE_RANK: Record<SourceName, number> = { lheo: 0, mcf: 1, partner: 2 };
const PRECISION_RANK: Record<LocationPrecision, number> = { point: 0, commune: 1, departement: 2, online: 3 };

export function offerIdOf(record: Pick<HarmonisedRecord, 'provenance'>): string {
  return `${record.provenance.source}:${record.provenance.sourceId}`;
}

interface MergeCandidate {
  source: SourceName;
  sourceId: string;
}

/**
 * Which offer each record of one merge key feeds. The records of the richest producer present
 * stay offers of their own (two LHEO actions are two places); the other producers' records of
 * the same training join the first of them, so the training is shown once.
 */
export function assignOffers<T extends MergeCandidate>(group: readonly T[]): Map<T, string> {
  const sorted = [...group].sort(compareCandidates);
  const anchor = sorted[0];
  const assignment = new Map<T, string>();
  if (!anchor) return assignment;
  const anchorId = `${anchor.source}:${anchor.sourceId}`;
  for (const record of sorted) {
    assignment.set(
      record,
      record.source === anchor.source ? `${record.source}:${record.sourceId}` : anchorId,
    );
  }
  return assignment;
}

function compareCandidates(a: MergeCandidate, b: MergeCandidate): number {
  return (
    SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
    (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0)
  );
}

/**
 * The canonical offer from the records of every producer that publishes it: the richest record
 * leads, the others fill what it lacks, and every provenance is kept.
 */
export function composeOffer(offerId: string, records: readonly HarmonisedRecord[]): Offer {
  const ordered = [...records].sort(
    (a, b) =>
      PRECISION_RANK[a.location.precision] - PRECISION_RANK[b.location.precision] ||
      compareCandidates(a.provenance, b.provenance),
  );
  const [lead, ...others] = ordered;
  if (!lead) throw new Error(`offer ${offerId} has no record`);
  const first = <K extends keyof HarmonisedRecord>(key: K): HarmonisedRecord[K] =>
    ordered.find((record) => record[key] !== undefined)?.[key] ?? lead[key];
  const union = (pick: (record: HarmonisedRecord) => readonly string[]) => [
    ...new Set(ordered.flatMap(pick)),
  ];

  const flags = new Set<QualityFlag>(ordered.flatMap((record) => record.qualityFlags));
  const producers = new Set(ordered.map((record) => record.provenance.source));
  if (producers.size > 1) flags.add('merged_across_producers');
  // Flags that another producer's data has made untrue.
  if (lead.location.precision !== 'departement') flags.delete('location_departement_only');
  const sessions = mergeSessions(ordered.flatMap((record) => record.sessions));
  if (sessions.some((session) => session.start || session.end)) flags.delete('no_session_dates');

  const certification = ordered.some((record) => record.certification)
    ? {
        rncp: ordered.find((r) => r.certification?.rncp)?.certification?.rncp,
        certifInfo: ordered.find((r) => r.certification?.certifInfo)?.certification?.certifInfo,
        level: ordered.find((r) => r.certification?.level)?.certification?.level,
        label: ordered.find((r) => r.certification?.label)?.certification?.label,
      }
    : undefined;

  const offer: Omit<Offer, 'contentHash'> = {
    id: offerId,
    kind: lead.kind,
    title: lead.title,
    objectives: first('objectives'),
    content: first('content'),
    provider: {
      name: lead.provider.name,
      siret: lead.provider.siret ?? others.find((r) => r.provider.siret)?.provider.siret,
    },
    certification,
    formacodes: union((record) => record.formacodes),
    romeCodes: union((record) => record.romeCodes),
    nsfCodes: union((record) => record.nsfCodes),
    location: lead.location,
    sessions,
    durationHours: first('durationHours'),
    costEur: first('costEur'),
    funding: { cpf: ordered.some((record) => record.funding.cpf) },
    modality: lead.modality,
    audience: first('audience'),
    url: first('url'),
    sources: ordered.map((record) => record.provenance).sort(compareCandidates),
    qualityFlags: [...flags].sort(),
  };
  return { ...offer, contentHash: stableHash(offer) };
}

function mergeSessions(sessions: readonly Session[]): Session[] {
  const unique = new Map(sessions.map((session) => [`${session.start}|${session.end}`, session]));
  return [...unique.values()].sort((a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999'));
}

/** The latest known session end: retrieval keeps offers with a session not yet ended. */
export function lastSessionEnd(offer: Offer): string | null {
  const ends = offer.sessions.map((session) => session.end).filter((end): end is string => end !== undefined);
  return ends.length > 0 ? (ends.sort().at(-1) ?? null) : null;
}

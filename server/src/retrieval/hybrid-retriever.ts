import type { JobseekerProfile, Offer, SuggestionFacts } from '@reco/contracts';
import type { CandidateRow, CatalogueSearch, SearchFilters } from '@reco/db';
import { withoutPlaceholders } from '@reco/guardrails';
import type { Embedder } from '@reco/ingestion';
import type { Referentials } from '@reco/referentials';
import { computeFacts } from './facts';
import { type JobseekerPlace, jobseekerPlace } from './geo';
import type { JobTitleResolver } from './job-title-resolver';

export interface HybridRetrieverDependencies {
  search: CatalogueSearch;
  embedder: Embedder;
  referentials: Referentials;
  resolver: JobTitleResolver;
}

export interface RetrievalRequest {
  profile: JobseekerProfile;
  /** The counsellor's request, already redacted by the guardrail. */
  text: string;
  /** YYYY-MM-DD: today, for the sessions still open. */
  referenceDate: string;
  limit?: number;
}

/** A ROME code the retrieval looked for, and where it came from. */
export interface ResolvedJob {
  romeCode: string;
  /** The ROME job sheet's label. */
  label: string;
  /** Given as a code, resolved from a target's title, or found in the request's text. */
  via: 'code' | 'title' | 'text';
  /** The job title as the counsellor gave it, or the ROME job title it was resolved to. */
  title?: string;
}

export interface Candidate {
  offer: Offer;
  facts: SuggestionFacts;
  fusedScore: number;
  /** 1-based rank in each list that found the offer. */
  ranks: { vector?: number; fullText?: number; rome?: number };
}

export interface RetrievalResult {
  candidates: Candidate[];
  resolvedJobs: ResolvedJob[];
}

/** The profile's commune is not in the referential: no honest distance can be computed. */
export class UnknownCommuneError extends Error {
  constructor(readonly location: JobseekerProfile['location']) {
    super(`unknown commune: ${location.inseeCode ?? location.postcode}`);
    this.name = 'UnknownCommuneError';
  }
}

/** Reciprocal rank fusion constant (Cormack et al., 2009): dampens the weight of the very first ranks. */
const RRF_K = 60;
/**
 * A training that leads to the job the counsellor named (as a code or a title they typed) is the
 * strongest evidence there is; one found by a job title spotted in free text, less so.
 */
const ROME_WEIGHT_WHEN_TARGETED = 1.5;
/** A title resolves to its best ROME code, and to the next ones as long as they are nearly as good. */
const MIN_TITLE_SCORE = 0.6;
const TITLE_SCORE_MARGIN = 0.05;
const MAX_CODES_PER_TITLE = 3;
/** A mobility of 0 km still means the jobseeker's own town, whose offers can be a few km away. */
const MIN_RADIUS_KM = 5;

type SourceName = keyof Candidate['ranks'];

interface PreparedRequest {
  filters: SearchFilters;
  place: JobseekerPlace;
  resolvedJobs: ResolvedJob[];
  queryText: string;
  /** The job titles sought, which the full-text and ROME lists favour. */
  jobTitles: string;
  poolSize: number;
  limit: number;
}

/**
 * Candidate offers for a jobseeker: nearby, current, affordable, and relevant by three independent
 * lists (semantic vector, French full text, ROME codes of the target jobs) fused by reciprocal rank.
 * The LLM chooses among them; it never sees an offer that did not pass the filters.
 */
export class HybridRetriever {
  constructor(private readonly deps: HybridRetrieverDependencies) {}

  async retrieve(request: RetrievalRequest): Promise<RetrievalResult> {
    const prepared = this.prepare(request);
    const romeCodes = prepared.resolvedJobs.map((job) => job.romeCode);
    const [vector, fullText, rome] = await Promise.all([
      this.vectorList(prepared),
      this.fullTextList(prepared),
      this.deps.search.romeCandidates(romeCodes, prepared.filters, prepared.poolSize, prepared.jobTitles),
    ]);
    const targeted = prepared.resolvedJobs.some((job) => job.via !== 'text');
    return this.fuse(request, prepared, [
      { source: 'vector', rows: vector, weight: 1 },
      { source: 'fullText', rows: fullText, weight: 1 },
      { source: 'rome', rows: rome, weight: targeted ? ROME_WEIGHT_WHEN_TARGETED : 1 },
    ]);
  }

  /** The semantic list alone, with the same filters: a baseline for evaluation. */
  async retrieveVectorOnly(request: RetrievalRequest): Promise<RetrievalResult> {
    const prepared = this.prepare(request);
    return this.fuse(request, prepared, [
      { source: 'vector', rows: await this.vectorList(prepared), weight: 1 },
    ]);
  }

  /** The full-text list alone, with the same filters: a baseline for evaluation. */
  async retrieveFullTextOnly(request: RetrievalRequest): Promise<RetrievalResult> {
    const prepared = this.prepare(request);
    return this.fuse(request, prepared, [
      { source: 'fullText', rows: await this.fullTextList(prepared), weight: 1 },
    ]);
  }

  private prepare({ profile, text: redacted, referenceDate, limit = 30 }: RetrievalRequest): PreparedRequest {
    const place = jobseekerPlace(profile.location, this.deps.referentials);
    if (!place) throw new UnknownCommuneError(profile.location);
    const text = withoutPlaceholders(redacted);
    const resolvedJobs = this.resolveJobs(profile, text);
    const targetLabels = (profile.targetJobs ?? []).map(
      (job) => job.label ?? (job.romeCode ? this.deps.referentials.romeLabel(job.romeCode) : undefined),
    );
    const queryText = [text, ...targetLabels, ...(profile.skills ?? [])].filter(Boolean).join('. ');
    const jobTitles = [...targetLabels, ...resolvedJobs.map((job) => job.title ?? job.label)]
      .filter(Boolean)
      .join('. ');
    const filters: SearchFilters = {
      referenceDate,
      area: { origin: place, radiusKm: Math.max(MIN_RADIUS_KM, profile.mobilityKm) },
      ...(profile.availableFrom ? { availableFrom: profile.availableFrom } : {}),
      ...(profile.modality ? { modality: profile.modality } : {}),
      ...(profile.maxCostEur === undefined ? {} : { maxCostEur: profile.maxCostEur }),
      ...(profile.cpfOnly ? { cpfOnly: true } : {}),
    };
    return { filters, place, resolvedJobs, queryText, jobTitles, poolSize: Math.max(50, 2 * limit), limit };
  }

  /**
   * The ROME codes sought: the targets' codes, and the codes their titles resolve to; when the profile
   * names no job, the job titles mentioned in the request.
   */
  private resolveJobs(profile: JobseekerProfile, text: string): ResolvedJob[] {
    const { referentials, resolver } = this.deps;
    const jobs: ResolvedJob[] = [];
    for (const target of profile.targetJobs ?? []) {
      if (target.romeCode) {
        jobs.push({
          romeCode: target.romeCode,
          label: referentials.romeLabel(target.romeCode) ?? target.romeCode,
          via: 'code',
          ...(target.label ? { title: target.label } : {}),
        });
      } else if (target.label) {
        const matches = resolver.resolve(target.label, MAX_CODES_PER_TITLE);
        const best = matches[0]?.score ?? 0;
        for (const match of matches) {
          if (match.score < MIN_TITLE_SCORE || match.score < best - TITLE_SCORE_MARGIN) continue;
          jobs.push({
            romeCode: match.romeCode,
            label: match.romeLabel,
            via: 'title',
            title: match.appellation,
          });
        }
      }
    }
    if (jobs.length === 0) {
      for (const match of resolver.findJobTitlesInText(text)) {
        jobs.push({
          romeCode: match.romeCode,
          label: match.romeLabel,
          via: 'text',
          title: match.appellation,
        });
      }
    }
    return dedupeByCode(jobs);
  }

  private async vectorList(prepared: PreparedRequest): Promise<CandidateRow[]> {
    const { embedder, search } = this.deps;
    const [vector] = await embedder.embed([prepared.queryText]);
    // A text with no word the model knows embeds to zeros, which are close to nothing.
    if (!vector?.some((value) => value !== 0)) return [];
    return search.vectorCandidates(
      embedder.modelId,
      embedder.dimensions,
      vector,
      prepared.filters,
      prepared.poolSize,
    );
  }

  private fullTextList(prepared: PreparedRequest): Promise<CandidateRow[]> {
    const { queryText, filters, poolSize, jobTitles } = prepared;
    return this.deps.search.fullTextCandidates(queryText, filters, poolSize, jobTitles);
  }

  private fuse(
    request: RetrievalRequest,
    prepared: PreparedRequest,
    lists: { source: SourceName; rows: CandidateRow[]; weight: number }[],
  ): RetrievalResult {
    const fused = new Map<string, { offer: Offer; fusedScore: number; ranks: Candidate['ranks'] }>();
    for (const { source, rows, weight } of lists) {
      rows.forEach((row, index) => {
        const entry = fused.get(row.id) ?? { offer: row.offer, fusedScore: 0, ranks: {} };
        entry.ranks[source] = index + 1;
        entry.fusedScore += weight / (RRF_K + index + 1);
        fused.set(row.id, entry);
      });
    }
    const targetRomeCodes = prepared.resolvedJobs.map((job) => job.romeCode);
    const candidates = [...fused.values()]
      .sort((a, b) => b.fusedScore - a.fusedScore || a.offer.id.localeCompare(b.offer.id))
      .slice(0, prepared.limit)
      .map(({ offer, fusedScore, ranks }) => {
        const job = prepared.resolvedJobs.find((resolved) => offer.romeCodes.includes(resolved.romeCode));
        const resolvedJobTitle = job?.title ?? job?.label;
        return {
          offer,
          fusedScore,
          ranks,
          facts: computeFacts(offer, {
            origin: prepared.place,
            targetRomeCodes,
            ...(resolvedJobTitle ? { resolvedJobTitle } : {}),
            skills: request.profile.skills ?? [],
            referenceDate: request.referenceDate,
            ...(request.profile.availableFrom ? { availableFrom: request.profile.availableFrom } : {}),
            referentials: this.deps.referentials,
          }),
        };
      });
    return { candidates, resolvedJobs: prepared.resolvedJobs };
  }
}

/** A code asked twice (as a code and through a title) keeps its first, most explicit origin. */
function dedupeByCode(jobs: readonly ResolvedJob[]): ResolvedJob[] {
  const byCode = new Map<string, ResolvedJob>();
  for (const job of jobs) if (!byCode.has(job.romeCode)) byCode.set(job.romeCode, job);
  return [...byCode.values()];
}

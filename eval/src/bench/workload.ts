import type { JobseekerProfile } from '@reco/contracts';
import type { Referentials } from '@reco/referentials';

export interface BenchQuery {
  profile: JobseekerProfile;
  prompt: string;
}

/**
 * Varied, deterministic counsellor requests: real ROME job titles (half given as a target code,
 * half only in the text) and the 300 most populated communes, 30 km of mobility. The same
 * workload as `bench-recommendations.ts`.
 */
export function benchQueries(referentials: Referentials, count: number): BenchQuery[] {
  const appellations = referentials.appellations();
  const communes = [...referentials.communes()].sort((a, b) => b.population - a.population).slice(0, 300);
  const queries: BenchQuery[] = [];
  for (let i = 0; queries.length < count; i++) {
    const appellation = appellations[(i * 7919) % appellations.length];
    const commune = communes[(i * 104729) % communes.length];
    if (!appellation || !commune) throw new Error('the referentials have no job titles or communes');
    queries.push({
      profile: {
        ...(i % 2 === 0 && { targetJobs: [{ romeCode: appellation.romeCode }] }),
        location: { inseeCode: commune.inseeCode },
        mobilityKm: 30,
      },
      prompt: `Reconversion : souhaite devenir ${appellation.label.split(' / ')[0]}, formation courte si possible`,
    });
  }
  return queries;
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return {
    count: sorted.length,
    meanMs: round(mean),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

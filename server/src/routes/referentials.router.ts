import {
  type CommuneSuggestion,
  communeSuggestionsRoute,
  type JobSuggestion,
  jobSuggestionsRoute,
} from '@reco/contracts';
import type { Commune, Referentials } from '@reco/referentials';
import { Router } from 'express';
import { requireUser } from '../auth/access-guards';
import { parseWith } from '../http/validate';
import { JobTitleResolver } from '../retrieval/job-title-resolver';

const LIMIT = 10;
/** Job titles starting with the text typed come first, this many at most. */
const PREFIX_FIRST = 5;

/**
 * Read-only autocomplete for the profile form: communes by name or postcode, ROME job titles. The
 * query is a few letters typed by the counsellor; nothing of it is logged or kept.
 */
export function referentialsRouter(referentials: Referentials): Router {
  // The indexes take a few hundred milliseconds to build: only when first asked.
  let communes: CommuneIndex | undefined;
  let jobs: JobIndex | undefined;

  const router = Router();
  router.get(communeSuggestionsRoute.path, requireUser(), (req, res) => {
    const { q } = parseWith(communeSuggestionsRoute.query, req.query);
    communes ??= new CommuneIndex(referentials);
    res.set('Cache-Control', 'private, max-age=3600').json(communes.search(q));
  });
  router.get(jobSuggestionsRoute.path, requireUser(), (req, res) => {
    const { q } = parseWith(jobSuggestionsRoute.query, req.query);
    jobs ??= new JobIndex(referentials);
    res.set('Cache-Control', 'private, max-age=3600').json(jobs.search(q));
  });
  return router;
}

/** Lowercase, without accents, hyphens and apostrophes as spaces, "st" as "saint". */
function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b(ste?)\b/g, (abbreviation) => (abbreviation === 'st' ? 'saint' : 'sainte'));
}

class CommuneIndex {
  private readonly entries: { folded: string; commune: Commune }[];

  constructor(referentials: Referentials) {
    this.entries = [...referentials.communes()]
      .sort((a, b) => b.population - a.population)
      .map((commune) => ({ folded: foldName(commune.name), commune }));
  }

  /** A postcode's start ("690") or a name's start ("villeur", "st etienne"); most populated first. */
  search(q: string): CommuneSuggestion[] {
    const query = q.trim();
    if (/^\d{1,5}$/.test(query)) {
      const found: CommuneSuggestion[] = [];
      for (const { commune } of this.entries) {
        const postcode = commune.postcodes.find((code) => code.startsWith(query));
        if (postcode) found.push(suggestion(commune, postcode));
        if (found.length === LIMIT) break;
      }
      return found;
    }
    const folded = foldName(query);
    if (folded.length === 0) return [];
    const starts = this.entries.filter((entry) => entry.folded.startsWith(folded));
    const words = this.entries.filter(
      (entry) => !entry.folded.startsWith(folded) && entry.folded.includes(` ${folded}`),
    );
    return [...starts, ...words]
      .slice(0, LIMIT)
      .flatMap(({ commune }) =>
        commune.postcodes[0] === undefined ? [] : [suggestion(commune, commune.postcodes[0])],
      );
  }
}

function suggestion(commune: Commune, postcode: string): CommuneSuggestion {
  return { inseeCode: commune.inseeCode, name: commune.name, postcode, departement: commune.departement };
}

class JobIndex {
  private readonly resolver: JobTitleResolver;
  /** Every ROME job title with its folded form, shortest first. */
  private readonly titles: { folded: string; label: string; romeCode: string }[];

  constructor(private readonly referentials: Referentials) {
    this.resolver = JobTitleResolver.fromReferentials(referentials);
    this.titles = referentials
      .appellations()
      .map(({ label, romeCode }) => ({ folded: foldName(label), label, romeCode }))
      .sort((a, b) => a.label.length - b.label.length || a.label.localeCompare(b.label, 'fr'));
  }

  /**
   * Titles that start with what was typed (shortest first, five at most), then the resolver's best
   * title per ROME code (it understands typos, abbreviations and word order), then more titles that
   * start with the text, until ten.
   */
  search(q: string): JobSuggestion[] {
    const found = new Map<string, JobSuggestion>();
    const add = (label: string, romeCode: string) => {
      if (found.size >= LIMIT || found.has(label)) return;
      const romeLabel = this.referentials.romeLabel(romeCode);
      found.set(label, { label, romeCode, ...(romeLabel && { romeLabel }) });
    };
    const folded = foldName(q);
    const starting = this.titles.filter((title) => title.folded.startsWith(folded));
    for (const title of starting.slice(0, PREFIX_FIRST)) add(title.label, title.romeCode);
    for (const match of this.resolver.resolve(q, LIMIT)) add(match.appellation, match.romeCode);
    for (const title of starting.slice(PREFIX_FIRST)) add(title.label, title.romeCode);
    return [...found.values()];
  }
}

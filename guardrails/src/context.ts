import type { SensitiveCategory } from './categories';
import type { TermMatch } from './term-matcher';
import type { Token } from './tokenise';

/**
 * How far back a cue still governs a term, in words between them. A job cue reaches over a short
 * noun phrase ("auprès de personnes âgées et handicapées"); a personal cue a little further ("elle
 * est depuis deux ans en dépression").
 */
const JOB_CUE_REACH = 5;
const PERSONAL_CUE_REACH = 6;

export interface SensitiveMatch {
  readonly category: SensitiveCategory;
  readonly startToken: number;
  readonly endToken: number;
  readonly fuzzy: boolean;
  readonly weak: boolean;
}

interface Cue {
  readonly personal: boolean;
  readonly startToken: number;
  readonly endToken: number;
}

/**
 * Keeps the sensitive terms that describe the person and drops those that name the job or domain
 * aimed at. A term is dropped when it sits inside a longer job expression, or when the nearest cue
 * before it in the same clause is a job cue; an ambiguous (~) term needs a personal cue, or to open
 * the sentence, to be kept.
 * `personSpans` are token ranges of detected person names: a name is the subject, a personal cue.
 */
export function resolveSensitiveMatches(
  matches: readonly TermMatch[],
  tokens: readonly Token[],
  personSpans: readonly (readonly [number, number])[],
): SensitiveMatch[] {
  const contexts = matches.filter((m) => m.role.kind === 'job_context');
  const cues: Cue[] = [
    ...matches
      .filter((m) => m.role.kind !== 'sensitive')
      .map((m) => ({
        personal: m.role.kind === 'personal_cue',
        startToken: m.startToken,
        endToken: m.endToken,
      })),
    ...personSpans.map(([startToken, endToken]) => ({ personal: true, startToken, endToken })),
  ];
  const kept: SensitiveMatch[] = [];
  for (const m of matches) {
    if (m.role.kind !== 'sensitive') continue;
    const length = m.endToken - m.startToken;
    const insideJobExpression = contexts.some(
      (c) => c.startToken <= m.startToken && m.endToken <= c.endToken && c.endToken - c.startToken > length,
    );
    if (insideJobExpression) continue;
    const cue = nearestCueBefore(m.startToken, cues, tokens);
    // Counsellors' notes drop the subject: "Greffé du rein, …", "Séparée depuis peu." A sentence that
    // opens on the term is about the person, unless the term is itself a job ("Psychologue, …").
    const opensSentence =
      (tokens[m.startToken]?.sentenceStart ?? false) &&
      !matches.some((j) => j.role.kind !== 'sensitive' && j.role.kind !== 'personal_cue' && sameSpan(j, m));
    const describesPerson = cue ? cue.personal : !m.role.weak || opensSentence;
    if (describesPerson) {
      const { category, weak } = m.role;
      kept.push({ category, weak, startToken: m.startToken, endToken: m.endToken, fuzzy: m.fuzzy });
    }
  }
  return dropNested(kept);
}

function sameSpan(a: TermMatch, b: TermMatch): boolean {
  return a.startToken === b.startToken && a.endToken === b.endToken;
}

function nearestCueBefore(
  termStart: number,
  cues: readonly Cue[],
  tokens: readonly Token[],
): Cue | undefined {
  let nearest: Cue | undefined;
  for (const cue of cues) {
    if (cue.endToken > termStart) continue;
    const gap = termStart - cue.endToken;
    if (gap > (cue.personal ? PERSONAL_CUE_REACH : JOB_CUE_REACH)) continue;
    if (crossesClause(cue.endToken, termStart, tokens)) continue;
    // The nearest cue decides; on a tie the personal reading wins, the safer one.
    if (!nearest || cue.endToken > nearest.endToken || (cue.endToken === nearest.endToken && cue.personal)) {
      nearest = cue;
    }
  }
  return nearest;
}

function crossesClause(from: number, to: number, tokens: readonly Token[]): boolean {
  for (let i = from; i <= to; i++) if (tokens[i]?.clauseStart) return true;
  return false;
}

/**
 * One finding per place: "maladie" inside "arrêt maladie", or the same span found twice, is reported
 * once. An ambiguous term inside a longer term of another category gives way too: "élue" (political)
 * inside "élue CSE" (union).
 */
function dropNested(matches: readonly SensitiveMatch[]): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  for (const m of matches) {
    const covered = matches.some(
      (o) =>
        o !== m &&
        (o.category === m.category || m.weak) &&
        o.startToken <= m.startToken &&
        m.endToken <= o.endToken &&
        (o.endToken - o.startToken > m.endToken - m.startToken || (!o.fuzzy && m.fuzzy)),
    );
    const duplicate = out.some(
      (o) => o.category === m.category && o.startToken === m.startToken && o.endToken === m.endToken,
    );
    if (!covered && !duplicate) out.push(m);
  }
  return out;
}

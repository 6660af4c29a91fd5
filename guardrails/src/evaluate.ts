import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { GUARDRAIL_CATEGORIES, GUARDRAIL_DECISIONS, type GuardrailCategory } from './categories';
import { overlaps } from './identifiers/span';
import { DEFAULT_GUARDRAIL_DIR } from './sources';
import type { Guardrail } from './types';

// ---------------------------------------------------------------- labelled counsellor requests

const LabelledPrompt = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    categories: z.array(z.enum(GUARDRAIL_CATEGORIES)),
    decision: z.enum(GUARDRAIL_DECISIONS),
    /** A job or domain use of a sensitive word ("infirmier en psychiatrie"): must not be blocked. */
    hard_negative: z.boolean().optional(),
  })
  .strict();
export type LabelledPrompt = z.infer<typeof LabelledPrompt>;

export function parseLabelledPrompts(jsonl: string): LabelledPrompt[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = LabelledPrompt.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`labelled prompt line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** The development set (the lists were tuned on it) and the held-out set (written after, never tuned on). */
export const LABELLED_SETS = {
  development: 'eval/labelled-prompts.jsonl',
  holdout: 'eval/labelled-prompts-holdout.jsonl',
} as const;

export function loadLabelledPrompts(
  set: keyof typeof LABELLED_SETS = 'development',
  dir: string = DEFAULT_GUARDRAIL_DIR,
): LabelledPrompt[] {
  return parseLabelledPrompts(readFileSync(join(dir, LABELLED_SETS[set]), 'utf8'));
}

export interface CategoryScore {
  /** Prompts labelled with the category. */
  readonly support: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface LabelledSetReport {
  readonly items: number;
  readonly perCategory: Readonly<Record<GuardrailCategory, CategoryScore>>;
  /** Mean F1 over the categories present in the set. */
  readonly macroF1: number;
  readonly decisionAccuracy: number;
  readonly hardNegatives: { readonly total: number; readonly blockedIds: readonly string[] };
  /** Ids whose decision or categories differ from the label, for error analysis. */
  readonly mismatches: readonly {
    readonly id: string;
    readonly expected: { readonly decision: string; readonly categories: readonly string[] };
    readonly got: { readonly decision: string; readonly categories: readonly string[] };
  }[];
}

/** Per-prompt category detection (a category counts once per prompt) and decision accuracy. */
export function evaluateLabelledSet(
  guardrail: Guardrail,
  items: readonly LabelledPrompt[],
): LabelledSetReport {
  const counts = Object.fromEntries(
    GUARDRAIL_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, support: 0 }]),
  ) as Record<GuardrailCategory, { tp: number; fp: number; fn: number; support: number }>;
  let correctDecisions = 0;
  const blockedHardNegatives: string[] = [];
  const mismatches: LabelledSetReport['mismatches'][number][] = [];
  for (const item of items) {
    const result = guardrail.check(item.text);
    const expected = new Set(item.categories);
    const got = new Set(result.categories);
    for (const c of GUARDRAIL_CATEGORIES) {
      const count = counts[c];
      if (expected.has(c)) count.support++;
      if (expected.has(c) && got.has(c)) count.tp++;
      else if (got.has(c)) count.fp++;
      else if (expected.has(c)) count.fn++;
    }
    const sameCategories = expected.size === got.size && [...expected].every((c) => got.has(c));
    if (result.decision === item.decision) correctDecisions++;
    if (item.hard_negative && result.decision === 'block') blockedHardNegatives.push(item.id);
    if (result.decision !== item.decision || !sameCategories) {
      mismatches.push({
        id: item.id,
        expected: { decision: item.decision, categories: item.categories },
        got: { decision: result.decision, categories: result.categories },
      });
    }
  }
  const perCategory = Object.fromEntries(
    GUARDRAIL_CATEGORIES.map((c) => {
      const { tp, fp, fn, support } = counts[c];
      return [c, score(tp, fp, fn, support)];
    }),
  ) as Record<GuardrailCategory, CategoryScore>;
  const present = GUARDRAIL_CATEGORIES.filter((c) => perCategory[c].support > 0);
  return {
    items: items.length,
    perCategory,
    macroF1: present.reduce((sum, c) => sum + perCategory[c].f1, 0) / Math.max(1, present.length),
    decisionAccuracy: correctDecisions / Math.max(1, items.length),
    hardNegatives: { total: items.filter((i) => i.hard_negative).length, blockedIds: blockedHardNegatives },
    mismatches,
  };
}

function score(tp: number, fp: number, fn: number, support: number): CategoryScore {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { support, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

// ---------------------------------------------------------------- identifiers on AP-HP EDS-Pseudo

const PiiNote = z.object({
  id: z.string(),
  split: z.string(),
  text: z.string(),
  entities: z.array(z.object({ start: z.number().int(), end: z.number().int(), label: z.string() })),
});
export type PiiNote = z.infer<typeof PiiNote>;

/**
 * EDS-Pseudo labels that are identifiers for us. ZIP and VILLE are not: a town is not an identifier
 * on its own and the retriever needs it. DATE, HOPITAL, IPP and NDA are hospital matters.
 * DATE_NAISSANCE is reported on its own (see `BIRTH_DATE_LABEL`).
 */
export const PII_IDENTIFIER_LABELS = ['NOM', 'PRENOM', 'TEL', 'MAIL', 'SECU', 'ADRESSE'] as const;
/** Redacted only after a birth cue ("né le"); most EDS-Pseudo birth dates have none. */
export const BIRTH_DATE_LABEL = 'DATE_NAISSANCE';

export function loadPiiNotes(dir: string = DEFAULT_GUARDRAIL_DIR): PiiNote[] {
  const jsonl = gunzipSync(readFileSync(join(dir, 'data/pii/eds-pseudo.jsonl.gz'))).toString('utf8');
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => PiiNote.parse(JSON.parse(line)));
}

export interface SpanTally {
  readonly spans: number;
  /** Overlapped by an identifier finding. */
  readonly caught: number;
  /** Whose text still appears in `redacted`. */
  readonly leaked: number;
  readonly recall: number;
  readonly leakRate: number;
}

export interface PiiReport extends SpanTally {
  readonly notes: number;
  readonly perLabel: Readonly<Record<string, SpanTally>>;
  readonly identifierFindings: number;
  /** Identifier findings that overlap no labelled entity at all (over-redaction). */
  readonly spuriousFindings: number;
}

/** Recall and leak rate of identifier spans; `labels` defaults to the identifier labels. */
export function evaluatePii(
  guardrail: Guardrail,
  notes: readonly PiiNote[],
  labels: readonly string[] = PII_IDENTIFIER_LABELS,
): PiiReport {
  const tallies = new Map<string, { spans: number; caught: number; leaked: number }>(
    labels.map((l) => [l, { spans: 0, caught: 0, leaked: 0 }]),
  );
  let identifierFindings = 0;
  let spuriousFindings = 0;
  for (const note of notes) {
    const result = guardrail.check(note.text);
    const found = result.findings.filter((f) => f.category === 'identifier');
    identifierFindings += found.length;
    spuriousFindings += found.filter((f) => !note.entities.some((e) => overlaps(e, f))).length;
    for (const entity of note.entities) {
      const tally = tallies.get(entity.label);
      if (!tally) continue;
      tally.spans++;
      if (found.some((f) => overlaps(f, entity))) tally.caught++;
      if (result.redacted.includes(note.text.slice(entity.start, entity.end))) tally.leaked++;
    }
  }
  const total = { spans: 0, caught: 0, leaked: 0 };
  for (const t of tallies.values()) {
    total.spans += t.spans;
    total.caught += t.caught;
    total.leaked += t.leaked;
  }
  return {
    notes: notes.length,
    ...withRates(total),
    perLabel: Object.fromEntries([...tallies].map(([label, t]) => [label, withRates(t)])),
    identifierFindings,
    spuriousFindings,
  };
}

function withRates(t: { spans: number; caught: number; leaked: number }): SpanTally {
  return {
    ...t,
    recall: t.spans === 0 ? 1 : t.caught / t.spans,
    leakRate: t.spans === 0 ? 0 : t.leaked / t.spans,
  };
}

import {
  evaluateLabelledSet,
  evaluatePii,
  GUARDRAIL_CATEGORIES,
  type LabelledSetReport,
  loadGuardrail,
  loadLabelledPrompts,
  loadNaiveBaseline,
  loadPiiNotes,
  type PiiReport,
} from '@reco/guardrails';
import type { Evaluation, ReportSection } from '../harness/evaluation';
import { fixed3, markdownTable, percent } from '../report/markdown';

/**
 * The guardrail on its labelled French counsellor requests (development and held-out) and on AP-HP
 * EDS-Pseudo identifiers, beside the naive baseline (case-insensitive substring match of the same
 * term list). Independent of the catalogue; the same in quick and full mode.
 */
export const guardrailEvaluation: Evaluation = {
  id: 'guardrail',
  async run(context): Promise<ReportSection> {
    context.log('guardrail: labelled requests and EDS-Pseudo…');
    const systems = { guardrail: loadGuardrail(), naive: loadNaiveBaseline() } as const;
    const notes = loadPiiNotes();
    const figures = Object.fromEntries(
      Object.entries(systems).map(([name, system]) => [
        name,
        {
          development: labelled(evaluateLabelledSet(system, loadLabelledPrompts('development'))),
          heldOut: labelled(evaluateLabelledSet(system, loadLabelledPrompts('holdout'))),
          identifiers: pii(evaluatePii(system, notes)),
        },
      ]),
    ) as Record<keyof typeof systems, ReturnType<typeof summary>>;
    return {
      id: 'guardrail',
      title: 'Guardrail: sensitive data in requests',
      markdown: render(figures),
      figures,
      charts: [],
    };
  },
};

function summary() {
  return {
    development: labelled(undefined as unknown as LabelledSetReport),
    heldOut: labelled(undefined as unknown as LabelledSetReport),
    identifiers: pii(undefined as unknown as PiiReport),
  };
}

function labelled(report: LabelledSetReport) {
  return {
    items: report?.items,
    macroF1: round(report?.macroF1),
    decisionAccuracy: round(report?.decisionAccuracy),
    hardNegativesBlocked: report?.hardNegatives.blockedIds.length,
    hardNegatives: report?.hardNegatives.total,
    perCategory: Object.fromEntries(
      GUARDRAIL_CATEGORIES.map((category) => {
        const score = report?.perCategory[category];
        return [
          category,
          {
            support: score?.support,
            precision: round(score?.precision),
            recall: round(score?.recall),
            f1: round(score?.f1),
          },
        ];
      }),
    ),
  };
}

function pii(report: PiiReport) {
  return {
    notes: report?.notes,
    spans: report?.spans,
    recall: round(report?.recall),
    leakRate: round(report?.leakRate),
    spuriousFindings: report?.spuriousFindings,
  };
}

function round(value: number | undefined): number {
  return Math.round((value ?? 0) * 1000) / 1000;
}

function render(figures: Record<'guardrail' | 'naive', ReturnType<typeof summary>>): string {
  const perCategory = (set: 'development' | 'heldOut') =>
    markdownTable(
      ['category', 'support', 'guardrail P', 'guardrail R', 'guardrail F1', 'naive P', 'naive R', 'naive F1'],
      GUARDRAIL_CATEGORIES.map((category) => {
        const g = figures.guardrail[set].perCategory[category];
        const n = figures.naive[set].perCategory[category];
        return [
          category,
          String(g?.support),
          fixed3(g?.precision ?? 0),
          fixed3(g?.recall ?? 0),
          fixed3(g?.f1 ?? 0),
          fixed3(n?.precision ?? 0),
          fixed3(n?.recall ?? 0),
          fixed3(n?.f1 ?? 0),
        ];
      }),
    );
  const overall = markdownTable(
    ['set', 'system', 'items', 'macro-F1', 'decision accuracy', 'hard negatives blocked'],
    (['development', 'heldOut'] as const).flatMap((set) =>
      (['guardrail', 'naive'] as const).map((system) => {
        const r = figures[system][set];
        return [
          set,
          system,
          String(r.items),
          fixed3(r.macroF1),
          percent(r.decisionAccuracy),
          `${r.hardNegativesBlocked} / ${r.hardNegatives}`,
        ];
      }),
    ),
  );
  const identifiers = markdownTable(
    ['system', 'notes', 'identifier spans', 'recall', 'leak rate', 'findings on no labelled entity'],
    (['guardrail', 'naive'] as const).map((system) => {
      const r = figures[system].identifiers;
      return [
        system,
        String(r.notes),
        String(r.spans),
        percent(r.recall),
        percent(r.leakRate),
        String(r.spuriousFindings),
      ];
    }),
  );
  return [
    'The guardrail (`@reco/guardrails`, what `npx tsx guardrails/src/run-evaluation.ts` prints) on the hand-labelled French counsellor requests, ' +
      'the development set it was tuned on and the held-out set it was not, beside the **naive baseline**: a case-insensitive substring match of the same term list, no tokenisation, context or job-title neutralisation. ' +
      'Hard negatives are requests that must pass (a sensitive word inside a job title or an ordinary phrase, e.g. "aide-soignant en oncologie"); identifiers are measured on AP-HP EDS-Pseudo (synthetic French clinical notes with labelled names, phones, NIR, addresses…): recall of labelled spans, and the leak rate (share of notes leaving at least one identifier unredacted).',
    '',
    overall,
    '',
    '**Held-out set, per category**',
    '',
    perCategory('heldOut'),
    '',
    '**Development set, per category**',
    '',
    perCategory('development'),
    '',
    '**Identifiers, EDS-Pseudo**',
    '',
    identifiers,
    '',
    "**Where the guardrail is worse than the baseline, and why.** Substring matching catches a term wherever its letters occur, so on a category with rare, distinctive terms its recall can equal or beat the guardrail's; it pays for it in precision (a term inside a longer word or a job title) and blocks hard negatives the guardrail lets through. " +
      "On identifiers the naive list has no patterns (phones, NIR, e-mail) and no name context, hence its low recall. The guardrail's own misses are unseen spellings and names outside its INSEE list (see the fairness section).",
  ].join('\n');
}

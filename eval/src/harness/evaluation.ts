import type { Referentials } from '@reco/referentials';
import type { EvalCatalogue } from './eval-catalogue';

/** `quick`: a smaller catalogue and query set, with thresholds checked (CI); `full`: the reference run. */
export type EvalMode = 'quick' | 'full';

/** What every evaluation gets: the same catalogue, built once per run. */
export interface EvaluationContext {
  mode: EvalMode;
  referentials: Referentials;
  catalogue: EvalCatalogue;
  referenceDate: string;
  seed: number;
  /** Progress for the person running the command; not part of the report. */
  log(message: string): void;
}

/** An evaluation's measurements, as written to latest.json: JSON-serialisable values only. */
export type Figures = Readonly<Record<string, unknown>>;

/** A hand-drawn SVG chart; the report writer names its file and links it under the section. */
export interface Chart {
  name: string;
  title: string;
  svg: string;
}

/** One evaluation's part of the report. */
export interface ReportSection {
  /** Key of the section's figures in latest.json, and first segment of threshold paths. */
  id: string;
  title: string;
  /** Markdown body, headings from level 3. */
  markdown: string;
  figures: Figures;
  charts: Chart[];
}

/**
 * An evaluation that plugs into `run-eval.ts` (relevance, and later guardrail, fairness, grounding):
 * it measures what it wants on the shared catalogue and returns its section of the report.
 */
export interface Evaluation {
  id: string;
  run(context: EvaluationContext): Promise<ReportSection>;
}

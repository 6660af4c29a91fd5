import { readFile } from 'node:fs/promises';
import type { EvalMode, Figures } from './evaluation';

/**
 * A bound on a figure of latest.json, named by its dotted path ("relevance.metrics.hybrid.all.recallAt10",
 * array items by index): at least a number, or at least another figure (e.g. a baseline's).
 */
export interface Threshold {
  figure: string;
  atLeast?: number;
  atLeastFigure?: string;
  /** An upper bound, e.g. a count of errors. */
  atMost?: number;
  /** Where the bound comes from (the value measured, the margin), shown when it fails. */
  why: string;
}

export interface ThresholdResult {
  threshold: Threshold;
  value: number | undefined;
  bound: number | undefined;
  passed: boolean;
}

/** The thresholds of a mode, from eval/thresholds.json (`{ "quick": [...], "full": [...] }`). */
export async function loadThresholds(path: string, mode: EvalMode): Promise<Threshold[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf-8'));
  const list = isRecord(parsed) ? (parsed[mode] ?? []) : undefined;
  if (!Array.isArray(list) || !list.every(isThreshold)) {
    throw new Error(`${path}: "${mode}" must be a list of { figure, atLeast | atLeastFigure | atMost, why }`);
  }
  return list;
}

/** Checks each threshold against the sections' figures; a figure that does not exist fails. */
export function checkThresholds(
  thresholds: readonly Threshold[],
  figuresBySection: Readonly<Record<string, Figures>>,
): ThresholdResult[] {
  return thresholds.map((threshold) => {
    const value = figureAt(figuresBySection, threshold.figure);
    if (threshold.atMost !== undefined)
      return {
        threshold,
        value,
        bound: threshold.atMost,
        passed: value !== undefined && value <= threshold.atMost,
      };
    const bound =
      threshold.atLeastFigure === undefined
        ? threshold.atLeast
        : figureAt(figuresBySection, threshold.atLeastFigure);
    return { threshold, value, bound, passed: value !== undefined && bound !== undefined && value >= bound };
  });
}

export function describeResult({ threshold, value, bound, passed }: ThresholdResult): string {
  const boundName = threshold.atLeastFigure ?? 'threshold';
  const relation = threshold.atMost === undefined ? '≥' : '≤';
  const shown = (figure: number | undefined) => (figure === undefined ? 'missing' : figure.toFixed(3));
  return (
    `${passed ? 'PASS' : 'FAIL'} ${threshold.figure} = ${shown(value)} ${relation} ${boundName} ${shown(bound)}` +
    (passed ? '' : ` (${threshold.why})`)
  );
}

function figureAt(root: unknown, path: string): number | undefined {
  let node = root;
  for (const key of path.split('.')) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return undefined;
  }
  return typeof node === 'number' ? node : undefined;
}

function isThreshold(value: unknown): value is Threshold {
  return (
    isRecord(value) &&
    typeof value.figure === 'string' &&
    typeof value.why === 'string' &&
    [
      typeof value.atLeast === 'number',
      typeof value.atLeastFigure === 'string',
      typeof value.atMost === 'number',
    ].filter(Boolean).length === 1
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

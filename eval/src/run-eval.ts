import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReferentials } from '@reco/referentials';
import { fairnessEvaluation } from './fairness/fairness-evaluation';
import { groundingEvaluation } from './grounding/grounding-evaluation';
import { guardrailEvaluation } from './guardrail/guardrail-evaluation';
import { openEvalCatalogue } from './harness/eval-catalogue';
import type { EvalMode, Evaluation, ReportSection } from './harness/evaluation';
import { machineDescription } from './harness/machine';
import { checkThresholds, describeResult, loadThresholds } from './harness/thresholds';
import {
  DEFAULT_LLM_SETTINGS,
  type LlmSettings,
  llmAvailable,
  llmInTheLoopEvaluation,
  skippedMessage,
  skippedSection,
} from './llm/llm-in-the-loop';
import { relevanceEvaluation } from './relevance/relevance-evaluation';
import { writeReport } from './report/write-report';

/**
 * `npm run eval [-- --quick]`: builds the demo catalogue with a fixed seed and reference date,
 * ingests it into a fresh embedded database, runs every evaluation on it and writes
 * eval/reports/latest.{md,json} and the charts (latest-quick.* for --quick, so that a check run does
 * not overwrite the reference report). --quick also checks eval/thresholds.json and exits 1 when a
 * threshold is missed. --llm adds the "LLM in the loop (real model)" section, run with the real
 * Ollama at OLLAMA_BASE_URL serving OLLAMA_CHAT_MODEL, or marked skipped when none answers.
 */
const EVALUATIONS: readonly Evaluation[] = [
  relevanceEvaluation,
  guardrailEvaluation,
  fairnessEvaluation,
  groundingEvaluation,
];

/** Fixed, so that two runs compare: the demo catalogue and the labelled queries depend on them. */
const SEED = 20_240_917;
const REFERENCE_DATE = '2026-03-15';
/** The quick run's catalogue: half the demo catalogue, about 40 s on 2 cores, still shaped like the whole. */
const SCALE: Record<EvalMode, number> = { quick: 0.5, full: 1 };

const EVAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS_DIR = join(EVAL_DIR, 'reports');
const THRESHOLDS_FILE = join(EVAL_DIR, 'thresholds.json');

async function main(): Promise<number> {
  const { mode, llm } = parseArgs(process.argv.slice(2));
  const log = (message: string) => process.stderr.write(`[eval] ${message}\n`);
  // Read here only: the other evaluations never reach a real Ollama.
  const llmSettings: LlmSettings | undefined = llm
    ? {
        baseUrl: process.env.OLLAMA_BASE_URL || DEFAULT_LLM_SETTINGS.baseUrl,
        model: process.env.OLLAMA_CHAT_MODEL || DEFAULT_LLM_SETTINGS.model,
      }
    : undefined;
  const llmUp = llmSettings ? await llmAvailable(llmSettings) : false;
  if (llmSettings && !llmUp) process.stdout.write(`${skippedMessage(llmSettings)}\n`);
  const evaluations =
    llmSettings && llmUp ? [...EVALUATIONS, llmInTheLoopEvaluation(llmSettings)] : EVALUATIONS;
  const startedAt = new Date();
  const started = performance.now();
  const referentials = loadReferentials();
  log(`building and ingesting the demo catalogue (scale ${SCALE[mode]})…`);
  const catalogue = await openEvalCatalogue({
    referentials,
    seed: SEED,
    referenceDate: REFERENCE_DATE,
    scale: SCALE[mode],
  });
  const sections: ReportSection[] = [];
  try {
    log(`${catalogue.activeOffers.length} active offers, ingested in ${catalogue.ingestSeconds} s`);
    for (const evaluation of evaluations) {
      sections.push(
        await evaluation.run({
          mode,
          referentials,
          catalogue,
          referenceDate: REFERENCE_DATE,
          seed: SEED,
          log,
        }),
      );
    }
    if (llmSettings && !llmUp) sections.push(skippedSection(llmSettings));
  } finally {
    await catalogue.close();
  }

  const thresholds =
    mode === 'quick'
      ? checkThresholds(
          await loadThresholds(THRESHOLDS_FILE, mode),
          Object.fromEntries(sections.map((section) => [section.id, section.figures])),
        )
      : undefined;
  const written = await writeReport(
    {
      run: {
        mode,
        command: `npm run eval${mode === 'quick' || llm ? ` -- ${[mode === 'quick' && '--quick', llm && '--llm'].filter(Boolean).join(' ')}` : ''}`,
        startedAt: startedAt.toISOString(),
        durationSeconds: Math.round((performance.now() - started) / 1000),
        machine: machineDescription(),
        seed: SEED,
        referenceDate: REFERENCE_DATE,
        scale: SCALE[mode],
        activeOffers: catalogue.activeOffers.length,
        embedder: `${catalogue.embedder.modelId} (${catalogue.embedder.dimensions} dimensions)`,
        buildSeconds: catalogue.buildSeconds,
        ingestSeconds: catalogue.ingestSeconds,
      },
      sections,
      ...(thresholds ? { thresholds } : {}),
    },
    REPORTS_DIR,
    mode === 'quick' ? 'latest-quick' : 'latest',
  );
  log(`wrote ${written.join(', ')}`);
  if (!thresholds) return 0;
  for (const result of thresholds) process.stdout.write(`${describeResult(result)}\n`);
  const failed = thresholds.filter((result) => !result.passed).length;
  process.stdout.write(
    failed === 0
      ? `all ${thresholds.length} thresholds met\n`
      : `${failed} of ${thresholds.length} thresholds missed: see above and eval/thresholds.json\n`,
  );
  return failed === 0 ? 0 : 1;
}

function parseArgs(args: readonly string[]): { mode: EvalMode; llm: boolean } {
  const unknown = args.filter((arg) => arg !== '--quick' && arg !== '--llm');
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown.join(' ')}; usage: run-eval.ts [--quick] [--llm]`);
  return { mode: args.includes('--quick') ? 'quick' : 'full', llm: args.includes('--llm') };
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

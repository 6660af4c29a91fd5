import { loadReferentials } from '@reco/referentials';
import { type FakeOllama, startFakeOllama } from '@reco/server/test/fake-ollama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalCatalogue, openEvalCatalogue } from '../harness/eval-catalogue';
import type { EvaluationContext } from '../harness/evaluation';
import { llmAvailable, llmInTheLoopEvaluation, skippedMessage, skippedSection } from './llm-in-the-loop';

const REFERENCE_DATE = '2026-03-15';
const SIZES = { relevanceTargets: 1, groundingRequests: 2, injectionOffers: 1, fairnessBases: 1 };

let catalogue: EvalCatalogue;
let fake: FakeOllama;
const referentials = loadReferentials();

beforeAll(async () => {
  fake = await startFakeOllama({ kind: 'choose' });
  catalogue = await openEvalCatalogue({ referentials, seed: 1, referenceDate: REFERENCE_DATE, scale: 0.03 });
});

afterAll(async () => {
  await fake?.close();
  await catalogue?.close();
});

describe('LLM in the loop', () => {
  it('runs through the real OllamaChatModel against an Ollama serving the model', async () => {
    const settings = { baseUrl: fake.url, model: 'mixtral:8x7b' };
    expect(await llmAvailable(settings)).toBe(true);
    const context: EvaluationContext = {
      mode: 'quick',
      referentials,
      catalogue,
      referenceDate: REFERENCE_DATE,
      seed: 1,
      log: () => {},
    };
    const section = await llmInTheLoopEvaluation(settings, SIZES).run(context);
    expect(section.title).toBe('LLM in the loop (real model)');
    const figures = section.figures as {
      skipped: boolean;
      relevance: { queries: number; llmModeShare: number };
      grounding: { requests: number; fallbackShare: number; inventedIdsDropped: number };
    };
    expect(figures.skipped).toBe(false);
    expect(figures.relevance.queries).toBeGreaterThan(0);
    expect(figures.grounding.requests).toBe(SIZES.groundingRequests);
    expect(figures.grounding.inventedIdsDropped).toBe(0);
    expect(fake.chatRequests().length).toBeGreaterThan(0);
    expect(fake.chatRequests().every((body) => body.model === 'mixtral:8x7b')).toBe(true);
    expect(section.markdown).toContain('LLM-chosen');
  });

  it('is skipped with a clear message when nothing answers', async () => {
    const settings = { baseUrl: 'http://127.0.0.1:1', model: 'mixtral:8x7b' };
    expect(await llmAvailable(settings)).toBe(false);
    expect(skippedMessage(settings)).toBe(
      'LLM-in-the-loop skipped: no Ollama serving mixtral:8x7b at http://127.0.0.1:1: start Ollama and pull the model, or set OLLAMA_BASE_URL',
    );
    expect(skippedSection(settings).markdown).toContain('Skipped');
  });

  it('is skipped when Ollama answers without the model', async () => {
    expect(await llmAvailable({ baseUrl: fake.url, model: 'llama3:70b' })).toBe(false);
  });
});

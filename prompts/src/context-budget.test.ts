import { describe, expect, it } from 'vitest';
import { estimateTokens, fitToContext, MIXTRAL_CONTEXT_TOKENS, outputTokensFor } from './context-budget';
import type { PromptCandidate, PromptInput } from './recommendation-prompt';

function candidates(count: number, descriptionChars = 600): PromptCandidate[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `lheo:AF-${i}`,
    kind: 'training',
    title: `Formation ${i}`,
    provider: 'Organisme',
    place: 'Nantes (12 km)',
    cpf: true,
    description: 'Contenu de formation détaillé. '
      .repeat(Math.ceil(descriptionChars / 30))
      .slice(0, descriptionChars),
  }));
}

function input(count: number, descriptionChars?: number): PromptInput {
  return {
    request: 'Une formation de cariste.',
    profile: { targetJobs: ['Conduite d’engins de déplacement des charges (N1101)'], mobilityKm: 20 },
    candidates: candidates(count, descriptionChars),
  };
}

const mixtral = { maxContextTokens: MIXTRAL_CONTEXT_TOKENS, outputTokens: outputTokensFor(5) };

describe('the context budget', () => {
  it('overestimates French text at three characters per token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Formation qualifiante')).toBe(7);
  });

  it('asks for a context that holds prompt and answer, grows with the candidates and stays under the max', () => {
    const sizes = [0, 5, 20, 60].map((count) => fitToContext(input(count), mixtral));
    for (const fitted of sizes) {
      expect(fitted.numCtx % 1024).toBe(0);
      expect(fitted.numCtx).toBeLessThanOrEqual(MIXTRAL_CONTEXT_TOKENS);
      expect(fitted.numCtx).toBeGreaterThanOrEqual(fitted.promptTokens + mixtral.outputTokens);
    }
    const numCtx = sizes.map((fitted) => fitted.numCtx);
    expect(numCtx).toEqual([...numCtx].sort((a, b) => a - b));
    expect(numCtx[0]).toBeLessThan(numCtx[3] ?? 0);
  });

  it('keeps everything when it fits', () => {
    const fitted = fitToContext(input(20), mixtral);
    expect(fitted.candidates).toHaveLength(20);
    expect(fitted.droppedCandidateIds).toEqual([]);
    expect(fitted.descriptionMaxChars).toBe(600);
  });

  it('shortens descriptions before dropping any candidate', () => {
    const full = fitToContext(input(10), { maxContextTokens: 1_000_000, outputTokens: 500 });
    const budget = { maxContextTokens: full.promptTokens + 500 - 200, outputTokens: 500 };
    const fitted = fitToContext(input(10), budget);
    expect(fitted.droppedCandidateIds).toEqual([]);
    expect(fitted.descriptionMaxChars).toBeLessThan(600);
    expect(fitted.promptTokens + budget.outputTokens).toBeLessThanOrEqual(budget.maxContextTokens);
  });

  it('drops candidates from the end of the retrieval order when shortening is not enough', () => {
    const budget = { maxContextTokens: 4096, outputTokens: outputTokensFor(5) };
    const fitted = fitToContext(input(60), budget);
    expect(fitted.candidates.length).toBeGreaterThan(0);
    expect(fitted.candidates.length + fitted.droppedCandidateIds.length).toBe(60);
    expect(fitted.droppedCandidateIds[0]).toBe(`lheo:AF-${fitted.candidates.length}`);
    expect(fitted.droppedCandidateIds.at(-1)).toBe('lheo:AF-59');
    expect(fitted.promptTokens + budget.outputTokens).toBeLessThanOrEqual(4096);
    expect(fitted.numCtx).toBeLessThanOrEqual(4096);
    expect(fitted.prompt.user).not.toContain(`id="lheo:AF-${fitted.candidates.length}"`);
  });

  it('drops every candidate rather than overflow when even the rules do not fit', () => {
    const fitted = fitToContext(input(3), { maxContextTokens: 1024, outputTokens: 1000 });
    expect(fitted.candidates).toEqual([]);
    expect(fitted.droppedCandidateIds).toEqual(['lheo:AF-0', 'lheo:AF-1', 'lheo:AF-2']);
  });
});

import type { StoredRecommendation } from '../src/index';

/** A retrieval-mode request as the recommender stores it; ids, owner and time are the test's. */
export function aStoredRecommendation(
  request: Pick<StoredRecommendation, 'id' | 'conversationId' | 'userId' | 'createdAt'> &
    Partial<StoredRecommendation>,
): StoredRecommendation {
  return {
    turn: 1,
    redactedPrompt: 'aide-soignant à Nantes pour [PRÉNOM]',
    profile: { location: { inseeCode: '44109' }, mobilityKm: 20 },
    guardrail: { decision: 'allow', categories: [], findings: [] },
    mode: 'retrieval',
    promptVersion: 'regles-v1',
    model: null,
    suggestions: [],
    llmRun: { attempts: 0 },
    ...request,
  };
}

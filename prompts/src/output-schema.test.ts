import { describe, expect, it } from 'vitest';
import { LLM_RECOMMENDATION_JSON_SCHEMA, LlmRecommendation } from './output-schema';

const valid = { suggestions: [{ offerId: 'lheo:A', explanation: 'Formation certifiante proche de vous.' }] };

describe('the model output schema', () => {
  it('accepts a well-formed answer, including an empty choice', () => {
    expect(LlmRecommendation.parse(valid)).toEqual(valid);
    expect(LlmRecommendation.parse({ suggestions: [] })).toEqual({ suggestions: [] });
  });

  it.each([
    ['no suggestions field', {}],
    ['suggestions not an array', { suggestions: 'lheo:A' }],
    ['a numeric id', { suggestions: [{ offerId: 12, explanation: 'Texte.' }] }],
    ['a missing explanation', { suggestions: [{ offerId: 'lheo:A' }] }],
    ['an empty explanation', { suggestions: [{ offerId: 'lheo:A', explanation: '' }] }],
    [
      'an explanation over 800 characters',
      { suggestions: [{ offerId: 'lheo:A', explanation: 'x'.repeat(801) }] },
    ],
    [
      'more than 10 suggestions',
      {
        suggestions: Array.from({ length: 11 }, (_, i) => ({ offerId: `lheo:${i}`, explanation: 'Texte.' })),
      },
    ],
  ])('rejects %s', (_, answer) => {
    expect(LlmRecommendation.safeParse(answer).success).toBe(false);
  });

  it('is sent to Ollama as a JSON Schema carrying the same limits', () => {
    expect(LLM_RECOMMENDATION_JSON_SCHEMA).toMatchObject({
      type: 'object',
      required: ['suggestions'],
      properties: {
        suggestions: {
          type: 'array',
          maxItems: 10,
          items: {
            required: ['offerId', 'explanation'],
            properties: { explanation: { type: 'string', minLength: 1, maxLength: 800 } },
          },
        },
      },
    });
  });
});

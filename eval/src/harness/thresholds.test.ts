import { describe, expect, it } from 'vitest';
import { checkThresholds, describeResult } from './thresholds';

const figures = {
  relevance: {
    metrics: { hybrid: { all: { recallAt10: 0.7 } }, vector_only: { all: { recallAt10: 0.75 } } },
    exposure: [{ ratio: 0.9 }],
  },
};

describe('checkThresholds', () => {
  it('compares a figure with a number, or with another figure', () => {
    const [absolute, relative, inArray] = checkThresholds(
      [
        { figure: 'relevance.metrics.hybrid.all.recallAt10', atLeast: 0.6, why: 'measured 0.7 - 0.1' },
        {
          figure: 'relevance.metrics.hybrid.all.recallAt10',
          atLeastFigure: 'relevance.metrics.vector_only.all.recallAt10',
          why: 'fusion must not lose to one of its lists',
        },
        { figure: 'relevance.exposure.0.ratio', atLeast: 0.8, why: 'no producer under-exposed' },
      ],
      figures,
    );
    expect(absolute?.passed).toBe(true);
    expect(relative?.passed).toBe(false);
    expect(inArray?.passed).toBe(true);
    expect(relative && describeResult(relative)).toMatch(
      /^FAIL relevance\.metrics\.hybrid\.all\.recallAt10 = 0\.700 ≥ relevance\.metrics\.vector_only.* 0\.750 \(fusion/,
    );
  });

  it('fails, rather than passes, on a figure that does not exist', () => {
    const [result] = checkThresholds([{ figure: 'relevance.nothing', atLeast: 0, why: 'renamed?' }], figures);
    expect(result?.passed).toBe(false);
    expect(result && describeResult(result)).toContain('missing');
  });
});

import { describe, expect, it } from 'vitest';
import { formatQualityReport } from './quality-report';

describe('quality report', () => {
  it('lists each producer with its fill rates and precision, then quarantine reasons by file', () => {
    const text = formatQualityReport({
      sources: [
        {
          source: 'mcf',
          active: 10,
          retired: 2,
          filled: { content: 1, costEur: 0.456, romeCodes: 0.9 },
          precision: { departement: 10 },
        },
      ],
      quarantined: [{ source: 'mcf', file: 'mcf.csv', reason: 'duplicate id …', count: 3 }],
    });
    expect(text).toContain('mcf: 10 active records, 2 retired');
    expect(text).toMatch(/content 100%.*romeCodes 90%.*costEur 46%/);
    expect(text).toContain('location precision: departement 10');
    expect(text).toMatch(/mcf\s+mcf\.csv\s+3 {2}duplicate id …/);
  });
});

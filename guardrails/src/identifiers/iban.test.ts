import { describe, expect, it } from 'vitest';
import { findIbans, isValidIban } from './iban';

describe('IBAN', () => {
  // The published examples of each national format.
  const valid = [
    'FR76 3000 6000 0112 3456 7890 189',
    'FR14 2004 1010 0505 0001 3M02 606',
    'DE89 3704 0044 0532 0130 00',
    'BE68 5390 0754 7034',
    'GB82 WEST 1234 5698 7654 32',
  ];

  it.each(valid)('passes the mod-97 check: %s', (iban) => {
    expect(isValidIban(iban.replaceAll(' ', ''))).toBe(true);
  });

  it('fails when one digit changes or two swap', () => {
    for (const iban of valid) {
      const compact = iban.replaceAll(' ', '');
      const last = Number(compact.at(-1));
      expect(isValidIban(`${compact.slice(0, -1)}${(last + 1) % 10}`)).toBe(false);
    }
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 198'.replaceAll(' ', ''))).toBe(false);
  });

  it('finds spaced and compact IBANs, without swallowing the next word', () => {
    const text = 'RIB : FR76 3000 6000 0112 3456 7890 189 merci, ou FR7630006000011234567890189.';
    expect(findIbans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'FR76 3000 6000 0112 3456 7890 189',
      'FR7630006000011234567890189',
    ]);
  });

  it('ignores an invalid IBAN and ordinary codes', () => {
    expect(findIbans('FR76 3000 6000 0112 3456 7890 188')).toEqual([]);
    expect(findIbans('CACES R489 cat 1 3 5, code ROME M1607, AB12 CD34 EF56')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader } from './audit-csv';

describe('CSV cells for spreadsheets', () => {
  it('keeps formulas from running: a cell starting with = + - @, a tab or a CR stays text', () => {
    expect(csvCell('=SOMME(A1:A9)')).toBe(`"'=SOMME(A1:A9)"`);
    expect(csvCell('+33 6 12')).toBe(`"'+33 6 12"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@cmd')).toBe(`"'@cmd"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('a=1')).toBe('"a=1"');
  });

  it('quotes every cell, doubles inner quotes, keeps separators and line breaks inside', () => {
    expect(csvCell('dit "oui"; puis\nnon')).toBe('"dit ""oui""; puis\nnon"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('starts with the BOM and ends lines with CRLF', () => {
    expect(csvHeader().startsWith('\uFEFF"Demande";')).toBe(true);
    expect(csvHeader().endsWith('\r\n')).toBe(true);
  });
});

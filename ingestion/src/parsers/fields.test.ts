import { describe, expect, it } from 'vitest';
import {
  meaningfulText,
  normaliseRncp,
  normaliseSiret,
  parseDecimal,
  parseYyyymmdd,
  stripHtml,
} from './fields';

describe('parseYyyymmdd', () => {
  it.each([
    ['20240229', '2024-02-29'],
    ['20171030', '2017-10-30'],
    [' 20180601 ', '2018-06-01'],
  ])('reads %s as %s', (text, iso) => expect(parseYyyymmdd(text)).toBe(iso));

  it.each(['20230229', '20230230', '20231345', '20230100', '00000000', '2023-01-05', '2023105', ''])(
    'refuses %s',
    (text) => expect(parseYyyymmdd(text)).toBeUndefined(),
  );
});

describe('stripHtml', () => {
  it('keeps words of adjacent blocks apart and decodes the common entities', () => {
    expect(
      stripHtml('<p>Un&nbsp;module</p><ul><li>Vente&amp;co</li><li>caf&#233; &#x2013; bar</li></ul>'),
    ).toBe('Un module Vente&co café – bar');
  });

  it('leaves text that only looks like a comparison alone', () => {
    expect(stripHtml('niveau < 3 et > 1')).toBe('niveau < 3 et > 1');
  });
});

describe('producer values', () => {
  it.each([
    ['697', 697],
    ['4 350,50', 4350.5],
    ['12.5', 12.5],
  ])('parseDecimal reads %s', (text, value) => expect(parseDecimal(text)).toBe(value));

  it.each(['environ 700', '-5', '1,2,3', '', '12 h'])('parseDecimal refuses %s', (text) =>
    expect(parseDecimal(text)).toBeUndefined(),
  );

  it('normalises RNCP codes to RNCP<digits>', () => {
    expect(['320', 'RNCP320', 'rncp 320', 'RNCP00320'].map(normaliseRncp)).toEqual(Array(4).fill('RNCP320'));
    expect(normaliseRncp('RS5063')).toBeUndefined();
  });

  it('accepts a SIRET of 14 digits only', () => {
    expect(normaliseSiret('192 900 769 00014')).toBe('19290076900014');
    expect(normaliseSiret('011111111111111')).toBeUndefined();
  });

  it('takes a dash for no value', () => {
    expect(meaningfulText(' - ')).toBeUndefined();
    expect(meaningfulText(' Temps\n plein ')).toBe('Temps plein');
  });
});

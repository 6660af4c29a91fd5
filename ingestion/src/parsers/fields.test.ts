import { describe, expect, it } from 'vitest';
import {
  meaningfulText,
  normaliseDepartement,
  normaliseRncp,
  normaliseSiret,
  parseDecimal,
  parseIsoDateTime,
  parseYyyymmdd,
  qualificationLevelFromLabel,
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

describe('normaliseDepartement', () => {
  it.each([
    ['1', '01'],
    ['01', '01'],
    [' 44 ', '44'],
    ['2A', '2A'],
    ['2b', '2B'],
    ['95', '95'],
    ['971', '971'],
    ['976', '976'],
  ])('reads %s as %s', (text, code) => expect(normaliseDepartement(text)).toBe(code));

  it.each(['', '0', '20', '96', '977', '2C', '100', 'Ain'])('refuses %s', (text) =>
    expect(normaliseDepartement(text)).toBeUndefined(),
  );
});

describe('qualificationLevelFromLabel', () => {
  it.each([
    ['Niveau 5 (BTS, DUT...)', 5],
    ['niveau 3 (CAP, BEP)', 3],
    ['Niveau III', 5],
    ['Niveau V', 3],
    ['Bac+3', 6],
    ['BAC + 5 et plus', 7],
    ['CAP', 3],
    ['Baccalauréat', 4],
  ])('reads %s as level %d', (label, level) => expect(qualificationLevelFromLabel(label)).toBe(level));

  it.each(['Sans niveau spécifique', 'Niveau validé', ''])('finds no level in %s', (label) =>
    expect(qualificationLevelFromLabel(label)).toBeUndefined(),
  );
});

describe('parseIsoDateTime', () => {
  it('keeps the calendar day the producer wrote, in its own offset', () => {
    expect(parseIsoDateTime('2027-02-11T23:30:00-05:00')?.date).toBe('2027-02-11');
    expect(parseIsoDateTime('2027-02-11T00:30:00+01:00')?.date).toBe('2027-02-11');
  });

  it('orders two moments by their instant across offsets', () => {
    const paris = parseIsoDateTime('2027-02-11T09:00:00+01:00')?.instant ?? Number.NaN;
    const utc = parseIsoDateTime('2027-02-11T08:30:00Z')?.instant ?? Number.NaN;
    // 09:00 in Paris in winter is 08:00 UTC: earlier than 08:30 UTC although its clock reads later.
    expect(utc - paris).toBe(30 * 60 * 1000);
  });

  it('reads a bare date without an instant', () => {
    expect(parseIsoDateTime('2027-03-02')).toEqual({ date: '2027-03-02' });
  });

  it.each([
    '2027-02-30T09:00:00+01:00',
    '2027-02-11T25:00:00Z',
    '2027-02-11T09:60',
    '11/02/2027',
    '2027-02-11T09:00+25:00',
  ])('refuses %s', (text) => expect(parseIsoDateTime(text)).toBeUndefined());
});

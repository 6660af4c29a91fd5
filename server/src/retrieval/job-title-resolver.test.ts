import { loadReferentials } from '@reco/referentials';
import { describe, expect, it } from 'vitest';
import { JobTitleResolver } from './job-title-resolver';

const referentials = loadReferentials();
const resolver = JobTitleResolver.fromReferentials(referentials);
const bestCode = (title: string) => resolver.resolve(title)[0]?.romeCode;

describe('job titles written by hand, against the 13,120 ROME job titles', () => {
  it.each([
    ['aide-soignante', 'J1501'],
    ['aide soignante', 'J1501'],
    ['Aides-soignants', 'J1501'],
    ['cariste', 'N1101'],
    ['CARISTES', 'N1101'],
    ['boulanger', 'D1102'],
    ['boulangère', 'D1102'],
    ['préparatrice de commandes', 'N1103'],
    ['développeur informatique', 'M1805'],
    // ROME 4.0 has a job sheet of its own for web developers.
    ['développeur web', 'M1855'],
    ['dev web', 'M1855'],
    ['web développeuse', 'M1855'],
    ['assistante maternelle', 'K1310'],
    ['mécanicien auto', 'I1604'],
    ['ASH', 'J1301'],
  ])('resolves "%s" to %s', (title, code) => {
    expect(referentials.romeLabel(code)).toBeDefined();
    expect(bestCode(title)).toBe(code);
  });

  it('scores the exact title 1, and titles that only contain it lower', () => {
    const [first, second] = resolver.resolve('cariste');
    expect(first).toMatchObject({
      romeCode: 'N1101',
      romeLabel: 'Cariste',
      appellation: 'Cariste',
      score: 1,
    });
    expect(second?.score).toBeLessThan(1);
  });

  it('tolerates a typo and an unfinished word, with a lower score', () => {
    expect(resolver.resolve('carsite')[0]).toMatchObject({ romeCode: 'N1101', score: 0.8 });
    expect(resolver.resolve('aide soigante')[0]?.romeCode).toBe('J1501');
    expect(resolver.resolve('boulang')[0]).toMatchObject({ romeCode: 'D1102', score: 0.85 });
  });

  it('finds nothing in words that are no job', () => {
    expect(resolver.resolve('xyzzy')).toEqual([]);
    expect(resolver.resolve('  ')).toEqual([]);
  });

  it('finds the job titles a request mentions, in order, and not ordinary words', () => {
    const codes = (text: string) => resolver.findJobTitlesInText(text).map((match) => match.romeCode);
    expect(codes('Reconversion vers la logistique, devenir cariste près de Lyon')).toEqual(['N1101']);
    expect(
      codes('Elle veut devenir aide-soignante ou auxiliaire de vie après une carrière dans la vente'),
    ).toEqual(['J1501', 'K1311']);
    expect(codes('projet : développeur web, a déjà fait du HTML')).toEqual(['M1855']);
    expect(codes("'; DROP TABLE offers; --")).toEqual([]);
  });

  it('answers in well under 5 ms', () => {
    const titles = ['aide soignante', 'carsite', 'dev web', 'agent de maintenance des bâtiments', 'boulang'];
    const started = performance.now();
    for (let round = 0; round < 40; round++) {
      for (const title of titles) resolver.resolve(title);
      resolver.findJobTitlesInText('Reconversion vers la logistique après dix ans de vente, devenir cariste');
    }
    expect((performance.now() - started) / (40 * (titles.length + 1))).toBeLessThan(5);
  });
});

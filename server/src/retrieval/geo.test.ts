import { loadReferentials } from '@reco/referentials';
import { describe, expect, it } from 'vitest';
import { haversineKm, jobseekerPlace } from './geo';

const referentials = loadReferentials();

describe('where the jobseeker is', () => {
  it('places them at their commune, from its INSEE code or its postcode', () => {
    expect(jobseekerPlace({ inseeCode: '38185' }, referentials)).toMatchObject({
      commune: 'Grenoble',
      departement: '38',
    });
    // 69003 is both Lyon and its 3rd arrondissement: the arrondissement is the more precise.
    expect(jobseekerPlace({ postcode: '69003' }, referentials)).toMatchObject({
      inseeCode: '69383',
      departement: '69',
    });
    expect(jobseekerPlace({ postcode: '99999' }, referentials)).toBeUndefined();
  });

  it('measures great-circle distances', () => {
    const lyon = { lat: 45.75336, lon: 4.86919 };
    const grenoble = { lat: 45.18212, lon: 5.72133 };
    expect(haversineKm(lyon, grenoble)).toBeCloseTo(91.9, 1);
    expect(haversineKm(lyon, lyon)).toBe(0);
  });
});

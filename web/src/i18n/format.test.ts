import { describe, expect, it } from 'vitest';
import {
  formatCost,
  formatDate,
  formatDateTime,
  formatDistance,
  formatDuration,
  formatElapsed,
  formatLevel,
  formatPercent,
  formatSource,
  plural,
} from './format';

/** Intl writes narrow and ordinary no-break spaces: compare with plain spaces. */
const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

describe('French formatting of facts', () => {
  it('formats costs', () => {
    expect(formatCost(undefined)).toBe('Coût non communiqué');
    expect(formatCost(0)).toBe('Gratuit');
    expect(plain(formatCost(1200))).toBe('1 200 €');
    expect(plain(formatCost(99.5))).toBe('99,5 €');
  });

  it('formats ISO dates in French without shifting them by the time zone', () => {
    expect(formatDate('2027-01-11')).toBe('11 janvier 2027');
    expect(formatDate('2026-12-31')).toBe('31 décembre 2026');
    expect(formatDate(undefined)).toBeUndefined();
    expect(formatDate('nonsense')).toBeUndefined();
  });

  it('formats durations', () => {
    expect(plain(formatDuration(280))).toBe('280 heures');
    expect(plain(formatDuration(1))).toBe('1 heure');
    expect(plain(formatDuration(3.5))).toBe('3,5 heures');
    expect(formatDuration(undefined)).toBeUndefined();
  });

  it('says where an offer is: distance, remote, or only the département known', () => {
    expect(
      plain(formatDistance({ distanceKm: 12.4, locationPrecision: 'commune', modality: 'in_person' })),
    ).toBe('à 12 km');
    expect(formatDistance({ distanceKm: 0.3, locationPrecision: 'point', modality: 'in_person' })).toBe(
      'à moins de 1 km',
    );
    expect(formatDistance({ locationPrecision: 'online', modality: 'remote' })).toBe('À distance');
    expect(formatDistance({ distanceKm: 40, locationPrecision: 'commune', modality: 'remote' })).toBe(
      'À distance',
    );
    expect(formatDistance({ locationPrecision: 'departement', modality: 'in_person' })).toBe(
      'Localisation connue au niveau du département',
    );
    expect(
      plain(formatDistance({ distanceKm: 25, locationPrecision: 'departement', modality: 'in_person' })),
    ).toBe('Localisation connue au niveau du département (centre du département à 25 km)');
    expect(plain(formatDistance({ distanceKm: 8, locationPrecision: 'commune', modality: 'blended' }))).toBe(
      'à 8 km (en partie à distance)',
    );
  });

  it('names levels, sources and counts', () => {
    expect(formatLevel(3)).toBe('Niveau 3 (CAP, BEP)');
    expect(formatLevel(5)).toBe('Niveau 5 (Bac+2)');
    expect(formatLevel(2)).toBe('Niveau 2');
    expect(plain(formatSource({ source: 'mcf', sourceId: '123_456' }))).toBe(
      'Mon Compte Formation n° 123_456',
    );
    expect(plain(plural(1, 'suggestion'))).toBe('1 suggestion');
    expect(plain(plural(3, 'suggestion'))).toBe('3 suggestions');
  });
});

describe('French formatting of audit figures', () => {
  it('formats rates, elapsed times and timestamps in France', () => {
    expect(plain(formatPercent(0.425))).toBe('43 %');
    expect(formatPercent(null)).toBe('—');
    expect(plain(formatElapsed(12_400))).toBe('12 s');
    expect(plain(formatElapsed(83_000))).toBe('1 min 23 s');
    expect(plain(formatElapsed(120_000))).toBe('2 min');
    expect(plain(formatElapsed(3_900_000))).toBe('1 h 5 min');
    expect(formatElapsed(null)).toBe('—');
    expect(plain(formatDateTime('2026-12-04T21:14:36.837Z'))).toBe('4 décembre 2026 à 22 h 14');
    expect(plain(formatDateTime('2026-07-01T08:05:00Z'))).toBe('1 juillet 2026 à 10 h 05');
  });
});

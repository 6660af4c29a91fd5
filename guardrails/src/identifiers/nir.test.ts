import { describe, expect, it } from 'vitest';
import { isValidNir, nirKey } from './nir';
import { findNirsAndPhones } from './numbers';

/** The key by its definition, with BigInt: 97 − (number mod 97), Corsica as 19 (2A) and 18 (2B). */
function referenceKey(body: string): number {
  const numeric = body.slice(0, 5) + body.slice(5, 7).replace('2A', '19').replace('2B', '18') + body.slice(7);
  return Number(97n - (BigInt(numeric) % 97n));
}

const withKey = (body: string) => `${body}${String(referenceKey(body)).padStart(2, '0')}`;

describe('NIR key', () => {
  it.each(['1850375115123', '2920144109087', '1780699123456', '2710213055097'])(
    'matches the definition for %s',
    (body) => {
      expect(nirKey(body)).toBe(referenceKey(body));
      expect(isValidNir(withKey(body))).toBe(true);
    },
  );

  it('handles Corsica: 2A counts as 19 and 2B as 18', () => {
    for (const body of ['185022A004012', '290052B033011']) {
      expect(nirKey(body)).toBe(referenceKey(body));
      expect(isValidNir(withKey(body))).toBe(true);
    }
    // The same digits read as département 19 or 18 give the same key: the substitution is applied.
    expect(nirKey('185022A004012')).toBe(nirKey('1850219004012'));
    expect(nirKey('290052B033011')).toBe(nirKey('2900518033011'));
  });

  it('rejects a wrong key, a wrong length and an impossible month', () => {
    const valid = withKey('1850375115123');
    const wrongKey = `${valid.slice(0, 13)}${String((Number(valid.slice(13)) % 97) + 1).padStart(2, '0')}`;
    expect(isValidNir(wrongKey)).toBe(false);
    expect(isValidNir(valid.slice(0, 14))).toBe(false);
    expect(isValidNir(withKey('1851375115123'))).toBe(false);
  });

  it('accepts spaces and dots', () => {
    const valid = withKey('1850375115123');
    const spaced = `${valid[0]} ${valid.slice(1, 3)} ${valid.slice(3, 5)} ${valid.slice(5, 7)} ${valid.slice(7, 10)} ${valid.slice(10, 13)} ${valid.slice(13)}`;
    expect(isValidNir(spaced)).toBe(true);
    expect(isValidNir(spaced.replaceAll(' ', '.'))).toBe(true);
  });
});

describe('NIR in a text', () => {
  const found = (text: string) =>
    findNirsAndPhones(text)
      .filter((s) => s.kind === 'nir')
      .map((s) => text.slice(s.start, s.end));

  it('finds a NIR written with spaces, dots or in one block, and a Corsican one', () => {
    const nir = withKey('2920144109087');
    const spaced = `${nir[0]} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`;
    expect(found(`son numéro est ${spaced}, merci`)).toEqual([spaced]);
    expect(found(`NIR ${spaced.replaceAll(' ', '.')}.`)).toEqual([spaced.replaceAll(' ', '.')]);
    expect(found(`immatriculé ${nir} depuis`)).toEqual([nir]);
    const corsican = withKey('185022A004012');
    expect(found(`n° ${corsican}`)).toEqual([corsican]);
  });

  it('finds a NIR announced by "sécu" whatever its shape, and leaves other long numbers', () => {
    expect(found('n° sécu : 1234567890123')).toEqual(['1234567890123']);
    expect(found('commande 1234567890123 livrée')).toEqual([]);
    expect(found('SIRET 123 456 789 00012')).toEqual([]);
  });
});

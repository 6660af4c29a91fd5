import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../harmonise/siret';
import { createRandom } from './random';
import { corruptSiret, generateSiret, SiretRegistry } from './siret';

describe('isValidSiret', () => {
  it('accepts real SIRETs from public LHEO samples', () => {
    for (const siret of ['19290076900014', '19750707200027', '39297563700043', '24440040400129']) {
      expect(isValidSiret(siret)).toBe(true);
    }
  });

  it('applies La Poste its own rule (digit sum multiple of 5)', () => {
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false);
  });

  it('refuses a wrong key, a wrong length and non-digits', () => {
    expect(isValidSiret('19290076900015')).toBe(false);
    expect(isValidSiret('1929007690001')).toBe(false);
    expect(isValidSiret('1929007690001A')).toBe(false);
  });
});

describe('generated SIRETs', () => {
  it('are 14 digits with valid SIREN and SIRET keys, and the requested first digit', () => {
    const random = createRandom(2024);
    for (let i = 0; i < 500; i++) {
      const siret = generateSiret(random, '2');
      expect(siret).toMatch(/^2\d{13}$/);
      expect(isValidSiret(siret)).toBe(true);
      expect(luhn(siret)).toBe(true);
      // The SIREN (the legal unit, first nine digits) has its own valid key.
      expect(luhn(siret.slice(0, 9))).toBe(true);
    }
  });

  it('stay unique within a registry', () => {
    const registry = new SiretRegistry();
    const random = createRandom(1);
    const sirets = Array.from({ length: 2000 }, () => registry.next(random));
    expect(new Set(sirets).size).toBe(2000);
  });

  it('become invalid once corrupted', () => {
    const random = createRandom(77);
    for (let i = 0; i < 300; i++) {
      const siret = generateSiret(random);
      const corrupted = corruptSiret(siret, random);
      expect(corrupted).toMatch(/^\d{14}$/);
      expect(corrupted).not.toBe(siret);
      expect(isValidSiret(corrupted)).toBe(false);
    }
  });
});

/** An independent Luhn check, written the textbook way. */
function luhn(digits: string): boolean {
  const sum = [...digits]
    .reverse()
    .map(Number)
    .reduce(
      (total, digit, i) => total + (i % 2 === 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit),
      0,
    );
  return sum % 10 === 0;
}

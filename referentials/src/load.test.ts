import { describe, expect, it } from 'vitest';
import { loadReferentials } from './load';

// Every expected value below was read in the raw public files (see referentials/data/SOURCES.md).
const referentials = loadReferentials();

describe('loadReferentials', () => {
  it('reads the data folder once and returns the same instance afterwards', () => {
    expect(loadReferentials()).toBe(referentials);
  });
});

describe('communes', () => {
  it('joins an INSEE commune to its La Poste postcodes and position', () => {
    const nantes = referentials.commune('44109');
    expect(nantes).toMatchObject({ name: 'Nantes', departement: '44', population: 327734 });
    expect(nantes?.postcodes).toEqual(['44000', '44100', '44200', '44300']);
    expect(nantes?.lat).toBeCloseTo(47.23, 1);
    expect(nantes?.lon).toBeCloseTo(-1.55, 1);
  });

  it('keeps the Corsican département codes', () => {
    expect(referentials.commune('2A004')).toMatchObject({ name: 'Ajaccio', departement: '2A' });
    expect(referentials.departement('2A')?.name).toBe('Corse-du-Sud');
  });

  it('finds every commune sharing a postcode', () => {
    const names = referentials.communesByPostcode('01400').map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(["L'Abergement-Clémenciat", 'Châtillon-sur-Chalaronne', 'Romans']),
    );
    expect(referentials.communesByPostcode('99999')).toEqual([]);
  });

  it('keeps Paris arrondissements and places Paris, which La Poste lists only by arrondissement', () => {
    const inseeCodes = referentials.communesByPostcode('75001').map((c) => c.inseeCode);
    expect(inseeCodes).toEqual(expect.arrayContaining(['75056', '75101']));
    const paris = referentials.commune('75056');
    expect(paris?.lat).toBeGreaterThan(48.81);
    expect(paris?.lat).toBeLessThan(48.91);
  });

  it('centres a département inside it', () => {
    const paris = referentials.departement('75');
    expect(paris?.name).toBe('Paris');
    expect(paris?.lat).toBeGreaterThan(48.815);
    expect(paris?.lat).toBeLessThan(48.902);
    expect(paris?.lon).toBeGreaterThan(2.224);
    expect(paris?.lon).toBeLessThan(2.47);
  });

  it('gives every commune a position in France or its overseas départements', () => {
    for (const c of referentials.communes()) {
      expect(Number.isFinite(c.lat) && Number.isFinite(c.lon), c.inseeCode).toBe(true);
      expect(Math.abs(c.lat), c.inseeCode).toBeLessThan(52);
    }
  });
});

describe('certifications', () => {
  it('reads a Certif Info certification with its codes', () => {
    expect(referentials.certification('111669')).toEqual({
      certifInfo: '111669',
      label: "Diplôme d'État d'aide-soignant",
      rncp: 'RNCP35830',
      level: 4,
      formacodes: ['43436'],
      romeCodes: ['J1501'],
      nsfCodes: ['331'],
      continuingEducation: true,
    });
  });

  it('reads "not open to continuing education" and the absence of a level', () => {
    expect(referentials.certification('12723')?.continuingEducation).toBe(false);
    expect(referentials.certification('1879')?.level).toBeUndefined();
  });

  it('keeps one entry per Certif Info code although the export repeats some', () => {
    const codes = referentials.certifications().map((c) => c.certifInfo);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((code) => code === '12691')).toHaveLength(1);
    expect(codes).toHaveLength(9923);
  });
});

describe('RNCP', () => {
  it('links an RNCP sheet to its ROME codes and reads its label and level', () => {
    expect(referentials.romeCodesOfRncp('RNCP4495')).toEqual(['J1501']);
    expect(referentials.rncp('RNCP4495')).toEqual({
      label: "Diplôme d'Etat d'aide-soignant (DEAS)",
      level: 3,
    });
    expect(referentials.romeCodesOfRncp('RNCP34001')).toEqual(
      expect.arrayContaining(['A1101', 'G1101', 'N2201']),
    );
  });

  it('drops the ROME domain codes France Compétences mixed with job codes', () => {
    // rncp_rome links RNCP34021 to M1604, M1200, M1600, M1605 and M1203; M1200 and M1600 are domains.
    expect(referentials.romeCodesOfRncp('RNCP34021')).toEqual(['M1604', 'M1605', 'M1203']);
    expect(referentials.romeCodesOfRncp('RNCP13647')).toEqual([]);
  });

  it('knows the sheets registered after the 2021 export through Certif Info', () => {
    expect(referentials.romeCodesOfRncp('RNCP37682')).toEqual(['I1401', 'M1810']);
    expect(referentials.rncp('RNCP37682')).toEqual({
      label: 'Titre professionnel technicien supérieur systèmes et réseaux',
      level: 5,
    });
    expect(referentials.rncp('RNCP0')).toBeUndefined();
  });
});

describe('Formacode', () => {
  it('labels Formacodes, preferring the current label Certif Info uses', () => {
    expect(referentials.formacodeLabel('23617')).toBe('Carrosserie');
    // Formacode v11 calls 24054 "électrotechnique"; Certif Info (2024) calls it "Électricité".
    expect(referentials.formacodeLabel('24054')).toBe('Électricité');
    expect(referentials.formacodeLabel('00000')).toBeUndefined();
  });

  it('ranks the ROME codes a Formacode leads to', () => {
    expect(referentials.romeCodesOfFormacode('43436')[0]).toBe('J1501');
    expect(referentials.romeCodesOfFormacode('23617')).toContain('I1606');
  });

  it('links Formacodes no certification uses through the ROME v2 table, matched by job title', () => {
    // No Certif Info row carries 42720; RomeFCod lists it under v2 job 13212 "Cuisinier", whose
    // ROME 4.0 title is "Cuisinier / Cuisinière" (G1609).
    expect(referentials.romeCodesOfFormacode('42720')).toEqual(['G1609']);
  });
});

describe('ROME 4.0', () => {
  const appellations = referentials.appellations();

  it('has the 13,120 job titles of the 1,584 job sheets', () => {
    expect(appellations).toHaveLength(13120);
    const romeCodes = new Set(appellations.map((a) => a.romeCode));
    expect(romeCodes.size).toBe(1584);
    for (const code of romeCodes) expect(referentials.romeLabel(code), code).toBeDefined();
  });

  it('maps a job title to its ROME code', () => {
    expect(appellations.find((a) => a.label === 'Aide-soignant / Aide-soignante')).toEqual({
      code: '10891',
      label: 'Aide-soignant / Aide-soignante',
      romeCode: 'J1501',
    });
    expect(referentials.romeLabel('J1501')).toBe('Aide-soignant / Aide-soignante');
  });

  it("lists a job sheet's core skills first and leaves work contexts out", () => {
    const skills = referentials.romeSkills('J1501');
    expect(skills.length).toBeGreaterThan(10);
    expect(skills.length).toBeLessThanOrEqual(25);
    expect(skills.slice(0, 11)).toContain("Assister l'infirmier lors de la réalisation de soins");
    expect(skills).not.toContain('Travail de nuit');
    expect(referentials.romeSkills('Z9999')).toEqual([]);
  });
});

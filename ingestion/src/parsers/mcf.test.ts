import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, runParser, withoutPosition } from '../../test/parse-events';
import { parseMcfCsv, parseMcfJson } from './mcf';

const CATALOGUE_CSV = fixtureBytes('mcf/catalogue.csv');
const CATALOGUE_JSON = fixtureBytes('mcf/catalogue.json');
const FAULTY_CSV = fixtureBytes('mcf/faulty.csv');

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('parseMcfCsv', () => {
  it('reads each row of the export as a CPF training located in its département', async () => {
    const { records, quarantined, incomplete } = await runParser(parseMcfCsv, CATALOGUE_CSV);
    expect(quarantined).toEqual([]);
    expect(incomplete).toEqual([]);
    expect(records.map((r) => r.sourceId)).toEqual([
      '19380123400015_SA-2024:1',
      '78512345600021_ANG-TOEIC:2A',
      '45123456700034_CTRIV:971',
      '81234567800019_GP:75',
    ]);
    const [secretary, english, driver, payroll] = records;

    expect(secretary).toMatchObject({
      source: 'mcf',
      scope: 'mcf',
      kind: 'training',
      position: 'line 2',
      title: 'Secrétaire assistant(e) – titre professionnel',
      provider: { name: "GRETA DE L'AIN", siret: '19380123400015' },
      certification: {
        rncp: 'RNCP37219',
        certifInfo: '108391',
        level: 4,
        label: 'Titre professionnel Secrétaire assistant',
      },
      formacodes: ['35054', '35006'],
      romeCodes: [],
      nsfCodes: ['324'],
      place: { departement: '01' },
      modality: 'in_person',
      sessions: [],
      durationHours: 630.5,
      costEur: 5490,
      cpf: true,
    });

    // Remote sessions only; empty hours stay unknown; the cost falls back to the minimum.
    expect(english?.place).toEqual({ departement: '2A' });
    expect(english?.modality).toBe('remote');
    expect(english?.durationHours).toBeUndefined();
    expect(english?.costEur).toBe(1200);
    expect(english?.certification.level).toBeUndefined();
    expect(english?.certification.rncp).toBeUndefined();
    expect(english?.content).toBe(
      'Cours 100 % à distance, classes virtuelles le soir ; passage du test inclus.',
    );

    // One remote session out of five; a four-digit Formacode is not one.
    expect(driver).toMatchObject({ place: { departement: '971' }, modality: 'blended', position: 'line 4' });
    expect(driver?.formacodes).toEqual(['31812', '31831']);
    expect(driver?.certification).toMatchObject({ rncp: 'RNCP36547', level: 3 });
    expect(driver?.content).toBe(
      'Permis D inclus. Plateau technique au Lamentin. Accompagnement vers l’emploi : 80 % d’insertion.',
    );

    // The driver's description spans lines 4-6, so this row starts on line 7.
    expect(payroll).toMatchObject({ position: 'line 7', costEur: 3200.5, durationHours: 385 });
    expect(payroll?.certification.level).toBe(5);
    expect(payroll?.title).toBe('Gestionnaire de paie – cœur de métier et DSN');
    expect(payroll?.content).toContain('jusqu’à 1 500 €');
  });

  it('reads a Windows-1252 export to the same records, accents included', async () => {
    const text = utf8(CATALOGUE_CSV).replace(/^\ufeff/, '');
    const windows1252 = iconv.encode(text, 'windows-1252');
    expect(windows1252.length).toBeLessThan(Buffer.byteLength(text));

    const fromUtf8 = await runParser(parseMcfCsv, CATALOGUE_CSV);
    const fromWindows = await runParser(parseMcfCsv, windows1252);
    expect(fromWindows.quarantined).toEqual([]);
    expect(fromWindows.records).toEqual(fromUtf8.records);
    expect(fromWindows.records[2]?.provider.name).toBe('ÉCOLE DE CONDUITE DES ÎLES');
  });

  it('reads a file larger than the encoding sniff the same whatever the chunk cuts', async () => {
    const [header, ...rows] = utf8(CATALOGUE_CSV).split('\r\n');
    // Unique ids per copy: copies of the same rows would be duplicates.
    const copies = Array.from({ length: 40 }, (_, copy) =>
      rows
        .filter((row) => row !== '')
        .join('\r\n')
        .replace(/(\d{14}_[A-Z0-9-]+);/g, `$1-${copy};`),
    );
    const big = new TextEncoder().encode([header, ...copies].join('\r\n'));
    expect(big.length).toBeGreaterThan(64 * 1024);

    const whole = await runParser(parseMcfCsv, big, big.length);
    const smallChunks = await runParser(parseMcfCsv, big, 7);
    expect(whole.records).toHaveLength(160);
    expect(whole.quarantined).toEqual([]);
    expect(smallChunks.events).toEqual(whole.events);
    expect(whole.records.at(-1)).toMatchObject({ sourceId: '81234567800019_GP-39:75', position: 'line 241' });
  });

  it('quarantines each bad row with its line and reads the rows after it', async () => {
    const { records, quarantined, incomplete } = await runParser(parseMcfCsv, FAULTY_CSV, 64, 'faulty.csv');
    expect(incomplete).toEqual([]);
    expect(quarantined.map((q) => [q.position, q.file, q.source])).toEqual(
      [3, 4, 6, 7, 8, 9].map((line) => [`line ${line}`, 'faulty.csv', 'mcf']),
    );
    const reasons = quarantined.map((q) => q.reason);
    expect(reasons[0]).toMatch(/nombre_heures_total_mean.*trente-cinq/);
    expect(reasons[1]).toMatch(/3 fields where the header has 10/);
    expect(reasons[2]).toBe('duplicate id 44012345600017_SOUD:44');
    expect(reasons[3]).toMatch(/code_departement.*"20"/);
    expect(reasons[4]).toMatch(/siret.*"3100000"/);
    expect(reasons[5]).toMatch(/intitule_formation/);
    expect(quarantined[1]?.excerpt).toContain('Magasinier cariste');

    expect(records.map((r) => [r.sourceId, r.position])).toEqual([
      ['44012345600017_SOUD:44', 'line 2'],
      ['20000000000018_AGRI:2B', 'line 5'],
      ['67000000000016_ALL:67', 'line 10'],
      ['35000000000015_CUIS:35', 'line 12'],
      ['6900000000001_X:69', 'line 15'],
    ]);
    const [welding, farming, german, cooking, electrician] = records;
    expect(welding?.title).toBe('Soudeur TIG sur acier et inox');
    expect(farming).toMatchObject({
      place: { departement: '2B' },
      durationHours: undefined,
      costEur: undefined,
    });
    expect(german?.modality).toBe('remote');
    expect(german?.content).toBe('Cours en petits groupes ; ateliers de conversation "Stammtisch" le jeudi.');
    expect(cooking).toMatchObject({ durationHours: 12.5, costEur: undefined });
    expect(electrician?.provider.siret).toBe('69000000000019');
  });

  it('refuses a file without a required column, once, and reports it incomplete', async () => {
    const csv = 'intitule_formation;nom_of;code_departement\nSoudeur TIG;FORMATEC;44\nCariste;FORMATEC;44\n';
    const { records, quarantined, incomplete } = await runParser(parseMcfCsv, csv);
    expect(records).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({
      position: 'line 1',
      reason: expect.stringMatching(/numero_formation/),
    });
    expect(incomplete).toHaveLength(1);
  });

  it('keeps the rows before an unclosed quote and reports the file incomplete', async () => {
    const csv = [
      'numero_formation;intitule_formation;nom_of;code_departement;points_forts',
      'F1;Soudeur TIG;FORMATEC;44;Plateau technique',
      'F2;Cariste;FORMATEC;44;"Passage des CACES',
      'F3;Magasinier;FORMATEC;44;Stage',
      '',
    ].join('\n');
    const { records, quarantined, incomplete } = await runParser(parseMcfCsv, csv);
    expect(records.map((r) => r.sourceId)).toEqual(['F1:44']);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(/quote/i);
    expect(incomplete).toHaveLength(1);
  });

  it('reports an empty file as incomplete', async () => {
    const { records, quarantined, incomplete } = await runParser(parseMcfCsv, '');
    expect(records).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(incomplete).toHaveLength(1);
  });
});

describe('parseMcfJson', () => {
  it('reads the JSON export to the same records as the CSV export', async () => {
    const fromJson = await runParser(parseMcfJson, CATALOGUE_JSON);
    const fromCsv = await runParser(parseMcfCsv, CATALOGUE_CSV);
    expect(fromJson.quarantined).toEqual([]);
    expect(fromJson.incomplete).toEqual([]);
    expect(fromJson.records.map(withoutPosition)).toEqual(fromCsv.records.map(withoutPosition));
    expect(fromJson.records.map((r) => r.position)).toEqual(['item 1', 'item 2', 'item 3', 'item 4']);
  });

  it('reads a file larger than the encoding sniff the same whatever the chunk cuts', async () => {
    const items = JSON.parse(utf8(CATALOGUE_JSON)) as Record<string, unknown>[];
    const copies = Array.from({ length: 20 }, (_, copy) =>
      items.map((item) => ({ ...item, numero_formation: `${item.numero_formation}-${copy}` })),
    ).flat();
    const big = new TextEncoder().encode(JSON.stringify(copies, null, 1));
    expect(big.length).toBeGreaterThan(64 * 1024);

    const whole = await runParser(parseMcfJson, big, big.length);
    const smallChunks = await runParser(parseMcfJson, big, 7);
    expect(whole.records).toHaveLength(80);
    expect(smallChunks.events).toEqual(whole.events);
  });

  it('keeps the complete items of a cut file and reports it incomplete', async () => {
    const text = utf8(CATALOGUE_JSON);
    const cut = text.slice(0, text.lastIndexOf('"intitule_formation"'));
    const { records, incomplete } = await runParser(parseMcfJson, cut);
    expect(records.map((r) => r.position)).toEqual(['item 1', 'item 2', 'item 3']);
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]).toMatch(/after item 3/);
  });

  it('quarantines an item holding a nested value and reads the others', async () => {
    const json = JSON.stringify([
      { numero_formation: 'F1', intitule_formation: 'Soudeur TIG', nom_of: 'FORMATEC', code_departement: 44 },
      {
        numero_formation: 'F2',
        intitule_formation: { fr: 'Cariste' },
        nom_of: 'FORMATEC',
        code_departement: '44',
      },
      { numero_formation: 'F3', intitule_formation: 'Magasinier', nom_of: 'FORMATEC', code_departement: '1' },
    ]);
    const { records, quarantined, incomplete } = await runParser(parseMcfJson, json);
    expect(records.map((r) => [r.sourceId, r.place?.departement])).toEqual([
      ['F1:44', '44'],
      ['F3:1', '01'],
    ]);
    expect(quarantined.map((q) => [q.position, q.reason])).toEqual([
      ['item 2', 'intitule_formation: neither text nor a number'],
    ]);
    expect(incomplete).toEqual([]);
  });

  it('refuses a document that is not an array', async () => {
    const { records, quarantined, incomplete } = await runParser(parseMcfJson, '{"numero_formation":"F1"}');
    expect(records).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(incomplete).toHaveLength(1);
  });
});

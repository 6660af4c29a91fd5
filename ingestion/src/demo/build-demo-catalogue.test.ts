import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReferentials, type Referentials } from '@reco/referentials';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidSiret } from '../harmonise/siret';
import { buildDemoCatalogue, DEMO_MANIFEST_FILE } from './build-demo-catalogue';
import type { DefectClass, DemoFileEntry, DemoManifest } from './manifest';

const REFERENCE_DATE = '2026-03-15';
const SCALE = 0.02;

/** The header docs/catalogue-sources.md gives for the Mon Compte Formation export. */
const MCF_HEADER =
  'date_extract;nom_of;nom_departement;nom_region;type_referentiel;code_inventaire;code_rncp;' +
  'intitule_certification;libelle_niveau_sortie_formation;code_formacode_1;code_formacode_2;' +
  'code_formacode_3;code_formacode_4;code_formacode_5;libelle_code_formacode_principal;libelle_nsf_1;' +
  'libelle_nsf_2;libelle_nsf_3;code_nsf_1;code_nsf_2;code_nsf_3;code_certifinfo;siret;numero_formation;' +
  'intitule_formation;points_forts;nb_action;nb_session_active;nb_session_a_distance;' +
  'nombre_heures_total_min;nombre_heures_total_max;nombre_heures_total_mean;frais_ttc_tot_min;' +
  'frais_ttc_tot_max;frais_ttc_tot_mean;code_departement;code_region;nbaction_nbheures;coderegion_export';
const MCF_NUMERIC = [
  'nb_action',
  'nb_session_active',
  'nb_session_a_distance',
  'nombre_heures_total_min',
  'nombre_heures_total_max',
  'nombre_heures_total_mean',
  'frais_ttc_tot_min',
  'frais_ttc_tot_max',
  'frais_ttc_tot_mean',
  'nbaction_nbheures',
];
const INJECTION =
  /ignorez les instructions|oubliez vos consignes|instruction prioritaire|ne proposez aucune autre|ignore all previous instructions/i;

let referentials: Referentials;
let workDir: string;
let dirA: string;
let manifest: DemoManifest;

beforeAll(async () => {
  referentials = loadReferentials();
  workDir = mkdtempSync(join(tmpdir(), 'demo-catalogue-'));
  dirA = join(workDir, 'a');
  manifest = await buildDemoCatalogue({
    referentials,
    outDir: dirA,
    referenceDate: REFERENCE_DATE,
    seed: 1,
    scale: SCALE,
  });
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function entry(predicate: (file: DemoFileEntry) => boolean): DemoFileEntry {
  const found = manifest.files.find(predicate);
  if (!found) throw new Error('no such file in the manifest');
  return found;
}

function measuredDefects(counts: Partial<Record<DefectClass, number>>): Partial<Record<DefectClass, number>> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => (count ?? 0) > 0));
}

describe('determinism', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
    const dirB = join(workDir, 'b');
    const dirC = join(workDir, 'c');
    await buildDemoCatalogue({
      referentials,
      outDir: dirB,
      referenceDate: REFERENCE_DATE,
      seed: 1,
      scale: SCALE,
    });
    await buildDemoCatalogue({
      referentials,
      outDir: dirC,
      referenceDate: REFERENCE_DATE,
      seed: 2,
      scale: SCALE,
    });
    const files = readdirSync(dirA).sort();
    expect(readdirSync(dirB).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(dirB, file)).equals(readFileSync(join(dirA, file))), file).toBe(true);
    }
    for (const file of ['lheo.xml', 'mcf.csv', 'mcf.json']) {
      expect(readFileSync(join(dirC, file)).equals(readFileSync(join(dirA, file))), file).toBe(false);
    }
  });
});

describe('rebuilding into the same directory', () => {
  it('replaces the files of the previous build and leaves other files alone', async () => {
    const dir = join(workDir, 'rebuilt');
    const first = await buildDemoCatalogue({
      referentials,
      outDir: dir,
      referenceDate: REFERENCE_DATE,
      seed: 1,
      scale: SCALE,
    });
    writeFileSync(join(dir, 'notes.txt'), 'not part of the catalogue');
    const second = await buildDemoCatalogue({
      referentials,
      outDir: dir,
      referenceDate: REFERENCE_DATE,
      seed: 3,
      scale: SCALE,
    });
    const names = (built: DemoManifest) => built.files.map((file) => file.file).sort();
    expect(names(second)).not.toEqual(names(first));
    expect(readdirSync(dir).sort()).toEqual([...names(second), DEMO_MANIFEST_FILE, 'notes.txt'].sort());
  });
});

describe('manifest', () => {
  it('is written beside the files it describes, and lists each of them', () => {
    expect(JSON.parse(readFileSync(join(dirA, DEMO_MANIFEST_FILE), 'utf-8'))).toEqual(manifest);
    const listed = manifest.files.map((file) => file.file).sort();
    expect(
      readdirSync(dirA)
        .filter((name) => name !== DEMO_MANIFEST_FILE)
        .sort(),
    ).toEqual(listed);
    for (const file of manifest.files) expect(readFileSync(join(dirA, file.file)).length).toBe(file.bytes);
    expect(manifest).toMatchObject({ referenceDate: REFERENCE_DATE, seed: 1, scale: SCALE });
  });

  it('has the three formats in about the full-scale proportions (12,000 / 6,000 / 2,000)', () => {
    const { lheo, mcf, partner } = manifest.recordsByFormat;
    expect(lheo / (lheo + mcf + partner)).toBeGreaterThan(0.45);
    expect(mcf / (lheo + mcf + partner)).toBeGreaterThan(0.2);
    expect(partner).toBeGreaterThan(20);
    expect(manifest.files.filter((file) => file.format === 'partner').length).toBeGreaterThanOrEqual(8);
  });
});

interface ReadSession {
  debut: string;
  fin: string;
}
interface ReadAction {
  numero?: string;
  departement?: string;
  insee?: string;
  postcode?: string;
  geo?: { lat: string; lon: string };
  hasPlace: boolean;
  sessions: ReadSession[];
}
interface ReadFormation {
  title: string;
  objectives: string;
  certifying: boolean;
  siret?: string;
  rncp?: string;
  certifInfo?: string;
  formacodes: string[];
  romeCodes: string[];
  contacts: { kind: string; name: string; firstName: string; email: string; phones: string[] }[];
  actions: ReadAction[];
}

/** Reads lheo.xml back with a plain SAX parser: what a consumer of the file sees. */
function readLheo(xml: string): { namespace: string; formations: ReadFormation[] } {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  const formations: ReadFormation[] = [];
  let namespace = '';
  let text = '';
  let formation: ReadFormation | undefined;
  let action: ReadAction | undefined;
  let session: ReadSession | undefined;
  let contact: ReadFormation['contacts'][number] | undefined;
  parser.on('opentag', (tag) => {
    path.push(tag.local);
    text = '';
    const attribute = (name: string) => tag.attributes[name]?.value;
    if (tag.local === 'lheo') namespace = tag.uri;
    if (tag.local === 'formation') {
      formation = {
        title: '',
        objectives: '',
        certifying: false,
        formacodes: [],
        romeCodes: [],
        contacts: [],
        actions: [],
      };
      formations.push(formation);
    }
    if (tag.local === 'action' && formation) {
      const numero = attribute('numero');
      action = { ...(numero === undefined ? {} : { numero }), hasPlace: false, sessions: [] };
      formation.actions.push(action);
    }
    if (tag.local === 'session' && action) {
      session = { debut: '', fin: '' };
      action.sessions.push(session);
    }
    if (tag.local === 'lieu-de-formation' && action) action.hasPlace = true;
    if (
      tag.local === 'coordonnees' &&
      (path.includes('contact-formation') || path.includes('contact-organisme'))
    ) {
      contact = { kind: path[path.length - 2] ?? '', name: '', firstName: '', email: '', phones: [] };
      formation?.contacts.push(contact);
    }
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', (tag) => {
    const at = path.join('>');
    const value = text.trim();
    if (formation) {
      if (at.endsWith('formation>intitule-formation')) formation.title = value;
      if (at.endsWith('formation>objectif-formation')) formation.objectives = value;
      if (at.endsWith('formation>certifiante')) formation.certifying = value === '1';
      if (at.endsWith('domaine-formation>code-FORMACODE')) formation.formacodes.push(value);
      if (at.endsWith('domaine-formation>code-ROME')) formation.romeCodes.push(value);
      if (at.endsWith('certification>code-RNCP')) formation.rncp = value;
      if (at.endsWith('certification>code-CERTIFINFO')) formation.certifInfo = value;
      if (at.endsWith('SIRET-organisme-formation>SIRET')) formation.siret = value;
    }
    if (contact) {
      if (tag.local === 'nom') contact.name = value;
      if (tag.local === 'prenom') contact.firstName = value;
      if (tag.local === 'courriel') contact.email = value;
      if (tag.local === 'numtel') contact.phones.push(value);
      if (tag.local === 'coordonnees') contact = undefined;
    }
    if (action && at.includes('lieu-de-formation>coordonnees>adresse')) {
      if (tag.local === 'departement') action.departement = value;
      if (tag.local === 'code-INSEE-commune') action.insee = value;
      if (tag.local === 'codepostal') action.postcode = value;
      if (tag.local === 'latitude') action.geo = { lat: value, lon: action.geo?.lon ?? '' };
      if (tag.local === 'longitude') action.geo = { lat: action.geo?.lat ?? '', lon: value };
    }
    if (session && at.endsWith('session>periode>debut')) session.debut = value;
    if (session && at.endsWith('session>periode>fin')) session.fin = value;
    if (tag.local === 'session') session = undefined;
    if (tag.local === 'action') action = undefined;
    if (tag.local === 'formation') formation = undefined;
    path.pop();
    text = '';
  });
  parser.write(xml).close();
  return { namespace, formations };
}

function isRealDate(yyyymmdd: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10).replaceAll('-', '') === yyyymmdd;
}

describe('lheo.xml', () => {
  let lheo: ReturnType<typeof readLheo>;
  let file: DemoFileEntry;
  let actions: { formation: ReadFormation; action: ReadAction }[];
  let sessions: ReadSession[];

  beforeAll(() => {
    lheo = readLheo(readFileSync(join(dirA, 'lheo.xml'), 'utf-8'));
    file = entry((candidate) => candidate.format === 'lheo');
    actions = lheo.formations.flatMap((formation) =>
      formation.actions.map((action) => ({ formation, action })),
    );
    sessions = actions.flatMap(({ action }) => action.sessions);
  });

  it('is well-formed LHEO 2.3 with as many formations and actions as the manifest says', () => {
    expect(lheo.namespace).toBe('http://www.lheo.org/2.3');
    expect(lheo.formations.length).toBe(file.formations);
    expect(actions.length).toBe(file.records);
    expect(actions.length / lheo.formations.length).toBeGreaterThan(1.8);
  });

  it('holds exactly the defects the manifest counts', () => {
    const counts: Partial<Record<DefectClass, number>> = {};
    const add = (key: DefectClass) => {
      counts[key] = (counts[key] ?? 0) + 1;
    };
    const seen = new Set<string>();
    for (const { action } of actions) {
      if (action.numero === undefined) add('missing_id');
      else if (seen.has(action.numero)) add('duplicate_id');
      else seen.add(action.numero);
    }
    for (const session of sessions) {
      for (const date of [session.debut, session.fin])
        if (date !== '00000000' && !isRealDate(date)) add('impossible_date');
    }
    for (const formation of lheo.formations) {
      const unknownFormacodes = formation.formacodes.filter((code) => !referentials.formacodeLabel(code));
      const unknownRome = formation.romeCodes.filter((code) => !referentials.romeLabel(code));
      if (unknownFormacodes.length > 0) add('unknown_formacode');
      if (unknownRome.length > 0) add('unknown_rome');
      expect([...unknownFormacodes, ...unknownRome].every((code) => /^(\d{5}|[A-N]\d{4})$/.test(code))).toBe(
        true,
      );
    }
    expect(counts).toEqual(measuredDefects(file.defects));
    expect(Object.keys(counts).sort()).toEqual(
      ['duplicate_id', 'impossible_date', 'missing_id', 'unknown_formacode', 'unknown_rome'].sort(),
    );
  });

  it('dates sessions relative to the reference date: mostly the next twelve months, ~5 % over', () => {
    const reference = REFERENCE_DATE.replaceAll('-', '');
    const nextYear = `${Number(reference.slice(0, 4)) + 1}${reference.slice(4)}`;
    const dated = sessions.filter((session) => isRealDate(session.fin));
    const expired = dated.filter((session) => session.fin < reference);
    const upcoming = sessions.filter(
      (session) => isRealDate(session.debut) && session.debut > reference && session.debut <= nextYear,
    );
    expect(expired.length).toBe(file.features.expiredSessions);
    expect(sessions.filter((session) => session.fin === '00000000').length).toBe(
      file.features.unknownDateSessions,
    );
    expect(sessions.length).toBe(file.features.sessions);
    expect(expired.length / sessions.length).toBeGreaterThan(0.01);
    expect(expired.length / sessions.length).toBeLessThan(0.12);
    expect(upcoming.length / sessions.length).toBeGreaterThan(0.75);
    for (const session of dated) {
      if (isRealDate(session.debut)) expect(session.debut <= session.fin).toBe(true);
    }
  });

  it('places actions in real communes, with the imperfections the manifest counts', () => {
    const placed = actions.map(({ action }) => action).filter((action) => action.hasPlace);
    for (const action of placed) {
      expect(action.postcode).toMatch(/^\d{5}$/);
      if (!action.insee) continue;
      const commune = referentials.commune(action.insee);
      expect(commune?.postcodes).toContain(action.postcode);
      expect(commune?.departement).toBe(action.departement);
    }
    const coarse = placed.filter((action) => action.geo && /^-?\d+$/.test(action.geo.lat));
    expect(coarse.length).toBe(file.features.placesWithCoarseCoordinates);
    expect(placed.filter((action) => !action.geo).length).toBe(file.features.placesWithoutCoordinates);
    expect(placed.filter((action) => !action.insee).length).toBe(file.features.placesWithoutInseeCode);
  });

  it('draws communes by population (mostly towns, some villages) within 1-3 départements per provider', () => {
    const populations = actions
      .map(({ action }) => referentials.commune(action.insee ?? '')?.population)
      .filter((population) => population !== undefined)
      .sort((a, b) => a - b);
    expect(populations[Math.floor(populations.length / 2)]).toBeGreaterThan(10_000);
    expect(populations[0]).toBeLessThan(3_000);
    const departementsBySiret = new Map<string, Set<string>>();
    for (const { formation, action } of actions) {
      if (!action.departement) continue;
      const set = departementsBySiret.get(formation.siret ?? '') ?? new Set<string>();
      set.add(action.departement);
      departementsBySiret.set(formation.siret ?? '', set);
    }
    for (const departements of departementsBySiret.values()) expect(departements.size).toBeLessThanOrEqual(3);
  });

  it('titles certifying formations after their real certification', () => {
    for (const formation of lheo.formations.filter((candidate) => candidate.certifying)) {
      const certification = referentials.certification(formation.certifInfo ?? '');
      expect(certification, formation.title).toBeDefined();
      const core = (certification?.label ?? '').replace(/^titre professionnel\s+/i, '').toLowerCase();
      expect(formation.title.toLowerCase()).toContain(core);
    }
  });

  it('names providers by valid SIRETs and carries staff contacts with names, phones and e-mails', () => {
    for (const formation of lheo.formations) {
      expect(isValidSiret(formation.siret ?? '')).toBe(true);
      expect(formation.contacts.map((contact) => contact.kind).sort()).toEqual([
        'contact-formation',
        'contact-organisme',
      ]);
      for (const contact of formation.contacts) {
        expect(contact.name).not.toBe('');
        expect(contact.firstName).not.toBe('');
        expect(contact.email).toMatch(/^[a-z.-]+@[a-z0-9-]+\.example$/);
        expect(contact.phones.length).toBeGreaterThan(0);
      }
    }
  });
});

type McfRecord = Record<string, string | number | null | undefined>;

function readMcfCsv(text: string): { header: string; rows: McfRecord[]; widths: number[] } {
  const lines = parseCsv(text, {
    delimiter: ';',
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const [header = [], ...data] = lines;
  return {
    header: header.join(';'),
    rows: data.map((fields) => Object.fromEntries(header.map((column, i) => [column, fields[i]]))),
    widths: data.map((fields) => fields.length),
  };
}

function mcfDefects(rows: McfRecord[], widths: number[] | undefined): Partial<Record<DefectClass, number>> {
  const counts: Partial<Record<DefectClass, number>> = {};
  const add = (key: DefectClass) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (widths && (widths[i] ?? 0) < MCF_HEADER.split(';').length) {
      add('too_few_columns');
      return;
    }
    const numericText = MCF_NUMERIC.some((column) => {
      const value = row[column];
      return typeof value === 'string' && value !== '' && !/^\d+(\.\d+)?$/.test(value);
    });
    if (numericText) add('text_in_numeric_column');
    if (!isValidSiret(String(row.siret))) add('invalid_siret');
    const id = `${row.numero_formation}:${row.code_departement}`;
    if (seen.has(id)) add('duplicate_id');
    seen.add(id);
    const formacodes = [1, 2, 3, 4, 5].map((n) => row[`code_formacode_${n}`]);
    if (formacodes.some((code) => code && !referentials.formacodeLabel(String(code))))
      add('unknown_formacode');
  });
  return counts;
}

function mcfRows(): { file: string; row: McfRecord }[] {
  const csv = readMcfCsv(readFileSync(join(dirA, 'mcf.csv'), 'utf-8'));
  const cp1252 = readMcfCsv(iconv.decode(readFileSync(join(dirA, 'mcf-cp1252.csv')), 'win1252'));
  const json = JSON.parse(readFileSync(join(dirA, 'mcf.json'), 'utf-8')) as McfRecord[];
  return [
    ...csv.rows.map((row) => ({ file: 'mcf.csv', row })),
    ...cp1252.rows.map((row) => ({ file: 'mcf-cp1252.csv', row })),
    ...json.map((row) => ({ file: 'mcf.json', row })),
  ];
}

describe('Mon Compte Formation files', () => {
  it('mcf.csv: UTF-8 with a BOM, the documented header, and exactly the defects the manifest counts', () => {
    const bytes = readFileSync(join(dirA, 'mcf.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, rows, widths } = readMcfCsv(bytes.toString('utf-8'));
    const file = entry((candidate) => candidate.file === 'mcf.csv');
    expect(header).toBe(MCF_HEADER);
    expect(rows.length).toBe(file.records);
    const counts = mcfDefects(rows, widths);
    expect(counts).toEqual(measuredDefects(file.defects));
    expect(Object.keys(counts).length).toBe(5);
    for (const row of rows) {
      expect(String(row.code_departement ?? '')).toMatch(/^$|^(\d{1,2}|2A|2B|97\d)$/);
    }
  });

  it('mcf.json: an array of objects with the same keys, and exactly the defects the manifest counts', () => {
    const rows = JSON.parse(readFileSync(join(dirA, 'mcf.json'), 'utf-8')) as McfRecord[];
    const file = entry((candidate) => candidate.file === 'mcf.json');
    expect(rows.length).toBe(file.records);
    for (const row of rows) expect(Object.keys(row).join(';')).toBe(MCF_HEADER);
    expect(mcfDefects(rows, undefined)).toEqual(measuredDefects(file.defects));
  });

  it('mcf-cp1252.csv really is Windows-1252', () => {
    const bytes = readFileSync(join(dirA, 'mcf-cp1252.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = iconv.decode(bytes, 'win1252');
    expect(text).toMatch(/[éèàôç]/);
    expect(text.startsWith(MCF_HEADER)).toBe(true);
    const file = entry((candidate) => candidate.file === 'mcf-cp1252.csv');
    expect(file.encoding).toBe('windows-1252');
    expect(readMcfCsv(text).rows.length).toBe(file.records);
  });
});

interface PartnerFeed {
  file: DemoFileEntry;
  siret: string;
  kind: string;
  items: Record<string, unknown>[];
  parsesWhole: boolean;
}

/** Items come one per line: a truncated feed still yields the lines it holds whole. */
function readPartnerFeeds(): PartnerFeed[] {
  return manifest.files
    .filter((file) => file.format === 'partner')
    .map((file) => {
      const text = readFileSync(join(dirA, file.file), 'utf-8');
      let parsesWhole = true;
      try {
        JSON.parse(text);
      } catch {
        parsesWhole = false;
      }
      const siret = /"siret": "(\d+)"/.exec(text)?.[1] ?? '';
      const kind = /"kind": "(\w+)"/.exec(text)?.[1] ?? '';
      const items = text
        .split('\n')
        .filter((line) => line.startsWith('    {'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line.trim().replace(/,$/, '')) as Record<string, unknown>];
          } catch {
            return [];
          }
        });
      return { file, siret, kind, items, parsesWhole };
    });
}

describe('partner feeds', () => {
  it('follow version 1 of the feed, with the defects the manifest counts', () => {
    for (const feed of readPartnerFeeds()) {
      const { file, items } = feed;
      expect(feed.parsesWhole, file.file).toBe(!file.defects.truncated_file);
      expect(isValidSiret(feed.siret)).toBe(true);
      expect(['collectivite', 'association', 'apec', 'autre']).toContain(feed.kind);
      expect(items.length).toBe(file.records);
      const refs = items.map((item) => item.ref);
      const counts: Partial<Record<DefectClass, number>> = {};
      if (refs.length > new Set(refs).size) counts.duplicate_id = refs.length - new Set(refs).size;
      const invalid = items.filter(
        (item) => !['formation', 'atelier', 'evenement'].includes(String(item.type)),
      );
      if (invalid.length > 0) counts.invalid_item = invalid.length;
      if (!feed.parsesWhole) counts.truncated_file = 1;
      expect(counts, file.file).toEqual(measuredDefects(file.defects));
    }
  });

  it('gives places for on-site items, none for online ones, and ISO slots with their offset', () => {
    const items = readPartnerFeeds().flatMap((feed) => feed.items);
    const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
    for (const item of items) {
      const place = item.place as { inseeCode: string; postcode: string } | null;
      expect(place === null).toBe(item.online);
      if (place) expect(referentials.commune(place.inseeCode)?.postcodes).toContain(place.postcode);
      const slots = item.slots as { start: string; end: string }[];
      expect(slots.length).toBeGreaterThan(0);
      for (const slot of slots) {
        expect(slot.start).toMatch(isoWithOffset);
        expect(Date.parse(slot.end)).toBeGreaterThan(Date.parse(slot.start));
      }
      expect(item.price === null || (typeof item.price === 'number' && item.price >= 0)).toBe(true);
    }
    expect(items.some((item) => item.online)).toBe(true);
    expect(items.some((item) => item.type === 'evenement' && (item.romeCodes as string[]).length > 0)).toBe(
      true,
    );
  });
});

describe('ground truth', () => {
  it('pairs LHEO and MCF records that share SIRET, certification and département, and no others', () => {
    const lheo = readLheo(readFileSync(join(dirA, 'lheo.xml'), 'utf-8'));
    const lheoByNumero = new Map<string, { formation: ReadFormation; action: ReadAction }>();
    const lheoKeys = new Map<string, string[]>();
    for (const formation of lheo.formations) {
      for (const action of formation.actions) {
        if (!action.numero) continue;
        lheoByNumero.set(action.numero, { formation, action });
        if (!formation.certifInfo || !action.departement) continue;
        const key = `${formation.siret}|${formation.certifInfo}|${action.departement}`;
        lheoKeys.set(key, [...(lheoKeys.get(key) ?? []), action.numero]);
      }
    }
    const mcfById = new Map(
      mcfRows().map(({ row }) => [`${row.numero_formation}:${row.code_departement}`, row]),
    );
    const expectedPairs = new Set<string>();
    for (const [id, row] of mcfById) {
      const departement = String(row.code_departement).padStart(2, '0');
      for (const numero of lheoKeys.get(`${row.siret}|${row.code_certifinfo}|${departement}`) ?? []) {
        expectedPairs.add(`${numero} ${id}`);
      }
    }

    expect(manifest.crossProducerDuplicates.length).toBeGreaterThan(0);
    expect(new Set(manifest.crossProducerDuplicates.map((pair) => `${pair.lheo} ${pair.mcf}`))).toEqual(
      expectedPairs,
    );
    for (const pair of manifest.crossProducerDuplicates) {
      const lheoRecord = lheoByNumero.get(pair.lheo);
      const mcfRecord = mcfById.get(pair.mcf);
      expect(lheoRecord?.formation.siret).toBe(mcfRecord?.siret);
      expect(`RNCP${lheoRecord?.formation.rncp}`).toBe(mcfRecord?.code_rncp);
      expect(lheoRecord?.formation.certifInfo).toBe(mcfRecord?.code_certifinfo);
      expect(lheoRecord?.action.departement).toBe(String(mcfRecord?.code_departement).padStart(2, '0'));
    }
  });

  it('lists every prompt-injection attempt, and only those', () => {
    const lheo = readLheo(readFileSync(join(dirA, 'lheo.xml'), 'utf-8'));
    const found = new Set<string>();
    for (const formation of lheo.formations) {
      if (!INJECTION.test(formation.objectives)) continue;
      for (const action of formation.actions) if (action.numero) found.add(`lheo ${action.numero}`);
    }
    for (const { row } of mcfRows()) {
      if (INJECTION.test(String(row.points_forts)))
        found.add(`mcf ${row.numero_formation}:${row.code_departement}`);
    }
    for (const feed of readPartnerFeeds()) {
      for (const item of feed.items)
        if (INJECTION.test(String(item.summary))) found.add(`partner ${feed.siret}:${item.ref}`);
    }
    expect(found.size).toBeGreaterThanOrEqual(3);
    expect(new Set(manifest.promptInjections.map((entry) => `${entry.source} ${entry.sourceId}`))).toEqual(
      found,
    );
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { CertificationInfo, Commune, Referentials, RomeAppellation } from './referentials';
import {
  type CertificationRow,
  type CommunesSlice,
  type FormacodeRow,
  type RncpRow,
  type RomeSlice,
  SLICE_FILES,
} from './slice-format';

const DEFAULT_DIR = fileURLToPath(new URL('../data/', import.meta.url));

const loaded = new Map<string, Referentials>();

function readSlice<T>(dir: string, file: string): T {
  return JSON.parse(gunzipSync(readFileSync(resolve(dir, file))).toString('utf-8')) as T;
}

function groupBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

function toCertification(row: CertificationRow): CertificationInfo {
  const [certifInfo, label, rncp, level, formacodes, romeCodes, nsfCodes, continuingEducation] = row;
  return {
    certifInfo,
    label,
    ...(rncp === null ? {} : { rncp }),
    ...(level === null ? {} : { level }),
    formacodes,
    romeCodes,
    nsfCodes,
    continuingEducation: continuingEducation === 1,
  };
}

function buildReferentials(dir: string): Referentials {
  const communesSlice = readSlice<CommunesSlice>(dir, SLICE_FILES.communes);
  const rome = readSlice<RomeSlice>(dir, SLICE_FILES.rome);
  const rncpRows = readSlice<RncpRow[]>(dir, SLICE_FILES.rncp);
  const formacodeRows = readSlice<FormacodeRow[]>(dir, SLICE_FILES.formacode);

  const certifications: readonly CertificationInfo[] = readSlice<CertificationRow[]>(
    dir,
    SLICE_FILES.certifications,
  ).map(toCertification);
  const certificationByCode = new Map(certifications.map((c) => [c.certifInfo, c]));

  const rncpByCode = new Map(rncpRows.map((row) => [row[0], row]));
  const formacodeByCode = new Map(formacodeRows.map((row) => [row[0], row]));
  const jobByCode = new Map(rome.jobs.map((row) => [row[0], row]));
  const appellations: readonly RomeAppellation[] = rome.appellations.map(([code, label, romeCode]) => ({
    code,
    label,
    romeCode,
  }));

  const communes: readonly Commune[] = communesSlice.communes.map(
    ([inseeCode, name, departement, population, lat, lon, postcodes]) => ({
      inseeCode,
      name,
      postcodes,
      lat,
      lon,
      departement,
      population,
    }),
  );
  const communeByCode = new Map(communes.map((c) => [c.inseeCode, c]));
  const communesByPostcode = groupBy(communes, (c) => c.postcodes);
  const departementByCode = new Map(
    communesSlice.departements.map(([code, name, lat, lon]) => [code, { code, name, lat, lon }]),
  );

  // Callers get copies of arrays so that one caller's edits cannot corrupt the shared indexes.
  return {
    certification: (certifInfo) => certificationByCode.get(certifInfo),
    certifications: () => certifications,
    romeCodesOfRncp: (rncp) => [...(rncpByCode.get(rncp)?.[3] ?? [])],
    rncp: (rncp) => {
      const row = rncpByCode.get(rncp);
      if (!row || row[1] === '') return undefined;
      return row[2] === null ? { label: row[1] } : { label: row[1], level: row[2] };
    },
    romeCodesOfFormacode: (formacode) => [...(formacodeByCode.get(formacode)?.[2] ?? [])],
    formacodeLabel: (formacode) => formacodeByCode.get(formacode)?.[1],
    romeLabel: (romeCode) => jobByCode.get(romeCode)?.[1],
    romeSkills: (romeCode) => [...(jobByCode.get(romeCode)?.[2] ?? [])],
    appellations: () => appellations,
    commune: (inseeCode) => communeByCode.get(inseeCode),
    communesByPostcode: (postcode) => [...(communesByPostcode.get(postcode) ?? [])],
    communes: () => communes,
    departement: (code) => departementByCode.get(code),
  };
}

/**
 * The referentials from the compact files in `dir` (default: this package's data folder), read
 * once per folder: every later call with the same folder returns the same instance.
 */
export function loadReferentials(dir: string = DEFAULT_DIR): Referentials {
  const key = resolve(dir);
  let referentials = loaded.get(key);
  if (!referentials) {
    referentials = buildReferentials(key);
    loaded.set(key, referentials);
  }
  return referentials;
}

/**
 * Layout of the compact files in referentials/data, shared by the build script that writes them and
 * the loader that reads them. Rows are tuples rather than objects to keep the files small; each
 * tuple type documents its positions.
 */

export const SLICE_FILES = {
  communes: 'communes.json.gz',
  certifications: 'certifications.json.gz',
  rncp: 'rncp.json.gz',
  formacode: 'formacode.json.gz',
  rome: 'rome.json.gz',
} as const;

/** [inseeCode, name, departement, population, lat, lon, postcodes] */
export type CommuneRow = [string, string, string, number, number, number, string[]];

/** [code, name, lat, lon] */
export type DepartementRow = [string, string, number, number];

export interface CommunesSlice {
  communes: CommuneRow[];
  departements: DepartementRow[];
}

/** [certifInfo, label, rncp, europeanLevel, formacodes, romeCodes, nsfCodes, continuingEducation (0/1)] */
export type CertificationRow = [
  string,
  string,
  string | null,
  number | null,
  string[],
  string[],
  string[],
  0 | 1,
];

/** [rncp, label ("" when no source names the sheet), europeanLevel, romeCodes] */
export type RncpRow = [string, string, number | null, string[]];

/** [formacode, label, romeCodes (most likely first)] */
export type FormacodeRow = [string, string, string[]];

/** [romeCode, label, skills (most central first)] */
export type RomeJobRow = [string, string, string[]];

/** [code, label, romeCode] */
export type AppellationRow = [string, string, string];

export interface RomeSlice {
  jobs: RomeJobRow[];
  appellations: AppellationRow[];
}

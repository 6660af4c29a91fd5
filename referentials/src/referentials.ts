/** A commune of the INSEE geographic code, with La Poste postcodes and coordinates. */
export interface Commune {
  inseeCode: string;
  name: string;
  postcodes: string[];
  lat: number;
  lon: number;
  /** `01`..`95`, `2A`, `2B`, `971`..`976`. */
  departement: string;
  population: number;
}

export interface CertificationInfo {
  certifInfo: string;
  label: string;
  rncp?: string;
  /** European level 1..8 when known. */
  level?: number;
  formacodes: string[];
  romeCodes: string[];
  nsfCodes: string[];
  /** Open to continuing education (Certif Info `accessibilite_fc`). */
  continuingEducation: boolean;
}

export interface RomeAppellation {
  code: string;
  label: string;
  romeCode: string;
}

/**
 * The public referentials the catalogue is harmonised with, loaded from the compact copies in
 * referentials/data (see referentials/data/SOURCES.md).
 */
export interface Referentials {
  certification(certifInfo: string): CertificationInfo | undefined;
  /** Certifications in Certif Info, in file order (deterministic). */
  certifications(): readonly CertificationInfo[];
  /** ROME 4.0 codes linked to an RNCP code ("RNCP1234"), via France Compétences and Certif Info. */
  romeCodesOfRncp(rncp: string): string[];
  /** Label and European level of an RNCP certification. */
  rncp(rncp: string): { label: string; level?: number } | undefined;
  /** ROME 4.0 codes a Formacode leads to, most likely first. */
  romeCodesOfFormacode(formacode: string): string[];
  formacodeLabel(formacode: string): string | undefined;
  romeLabel(romeCode: string): string | undefined;
  /** Skill and knowledge labels of a ROME job sheet, most central first. */
  romeSkills(romeCode: string): string[];
  /** The 13,120 ROME 4.0 job titles. */
  appellations(): readonly RomeAppellation[];
  commune(inseeCode: string): Commune | undefined;
  communesByPostcode(postcode: string): Commune[];
  communes(): readonly Commune[];
  /** Population-weighted centre of a département, and its name. */
  departement(code: string): { code: string; name: string; lat: number; lon: number } | undefined;
}

import type { Location, QualityFlag, Session } from '@reco/contracts';
import type { Referentials } from '@reco/referentials';
import type { SourceRecord } from '../parsers/source-record';
import type { HarmonisedRecord } from './harmonised-record';
import { isValidSiret } from './siret';

/** ROME codes beyond these add noise to retrieval rather than recall. */
const MAX_ROME_CODES = 8;
const MAX_ROME_FROM_FORMACODE = 3;

export type HarmoniseResult = { ok: true; record: HarmonisedRecord } | { ok: false; reason: string };

/**
 * Brings one producer record to the canonical offer with the public referentials, so that an offer
 * is never ranked lower only because its producer filled fewer fields: ROME codes from the
 * certification or the Formacode, coordinates from the commune, département-level honesty.
 */
export function harmonise(
  source: SourceRecord,
  referentials: Referentials,
  referenceDate: string,
): HarmoniseResult {
  const flags = new Set<QualityFlag>();
  const location = resolveLocation(source, referentials, flags);
  if (!location)
    return { ok: false, reason: 'no usable location: unknown commune, postcode and département' };

  const siret = checkedSiret(source.provider.siret, flags);
  const certification = completeCertification(source.certification, referentials);
  const formacodes = knownCodes(
    source.formacodes,
    (code) => referentials.formacodeLabel(code) !== undefined,
    flags,
  );
  const romeCodes = resolveRomeCodes(source, certification, formacodes, referentials, flags);
  const sessions = source.sessions.map(
    (session): Session => ({ ...session, expired: session.end !== undefined && session.end < referenceDate }),
  );
  if (!sessions.some((session) => session.start || session.end)) flags.add('no_session_dates');
  else if (sessions.every((session) => session.expired)) flags.add('all_sessions_expired');

  const record: HarmonisedRecord = {
    kind: source.kind,
    title: source.title.trim(),
    objectives: source.objectives,
    content: source.content,
    provider: {
      name: source.provider.name?.trim() || 'Organisme non renseigné',
      siret: source.provider.siret,
    },
    certification: Object.values(certification).some((v) => v !== undefined) ? certification : undefined,
    formacodes,
    romeCodes,
    nsfCodes: [...new Set(source.nsfCodes)],
    location,
    sessions,
    durationHours: source.durationHours,
    costEur: source.costEur,
    funding: { cpf: source.cpf },
    modality: source.modality,
    audience: source.audience,
    url: source.url,
    qualityFlags: [...flags].sort(),
    provenance: { source: source.source, sourceId: source.sourceId },
    scope: source.scope,
    mergeKey: mergeKeyOf(source.kind, siret, certification, location),
  };
  return { ok: true, record };
}

function resolveLocation(
  source: SourceRecord,
  referentials: Referentials,
  flags: Set<QualityFlag>,
): Location | undefined {
  const place = source.place;
  if (!place) return source.modality === 'remote' ? { precision: 'online' } : undefined;

  const commune =
    (place.inseeCode ? referentials.commune(place.inseeCode) : undefined) ??
    communeFromPostcode(place.postcode, place.city, referentials);
  const departement = place.departement ?? commune?.departement;
  const base = {
    inseeCode: commune?.inseeCode ?? place.inseeCode,
    postcode: place.postcode ?? commune?.postcodes[0],
    city: commune?.name ?? place.city,
    departement,
    address: place.address,
  };
  if (hasPreciseCoordinates(place.lat, place.lon)) {
    return { precision: 'point', lat: place.lat, lon: place.lon, ...base };
  }
  if (commune) {
    flags.add('coordinates_from_commune');
    return { precision: 'commune', lat: commune.lat, lon: commune.lon, ...base };
  }
  const area = departement ? referentials.departement(departement) : undefined;
  if (area) {
    flags.add('location_departement_only');
    return { precision: 'departement', lat: area.lat, lon: area.lon, departement: area.code };
  }
  return source.modality === 'remote' ? { precision: 'online' } : undefined;
}

/** Anonymised or careless producers give whole degrees: that is a 100 km box, not a point. */
function hasPreciseCoordinates(lat: number | undefined, lon: number | undefined): lat is number {
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return false;
  if (lat === 0 && lon === 0) return false;
  return !(Number.isInteger(lat) && Number.isInteger(lon));
}

function communeFromPostcode(
  postcode: string | undefined,
  city: string | undefined,
  referentials: Referentials,
) {
  if (!postcode) return undefined;
  const candidates = referentials.communesByPostcode(postcode);
  if (candidates.length <= 1 || !city) return candidates[0];
  const wanted = normaliseName(city);
  return candidates.find((commune) => normaliseName(commune.name) === wanted) ?? candidates[0];
}

function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/\bSAINT\b/g, 'ST')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

function completeCertification(
  certification: SourceRecord['certification'],
  referentials: Referentials,
): NonNullable<HarmonisedRecord['certification']> {
  const fromCertifInfo = certification.certifInfo
    ? referentials.certification(certification.certifInfo)
    : undefined;
  const rncp = certification.rncp ?? fromCertifInfo?.rncp;
  const fromRncp = rncp ? referentials.rncp(rncp) : undefined;
  return {
    rncp,
    certifInfo: certification.certifInfo,
    level: certification.level ?? fromCertifInfo?.level ?? fromRncp?.level,
    label: certification.label ?? fromCertifInfo?.label ?? fromRncp?.label,
  };
}

function knownCodes(
  codes: readonly string[],
  isKnown: (code: string) => boolean,
  flags: Set<QualityFlag>,
): string[] {
  const unique = [...new Set(codes)];
  const known = unique.filter(isKnown);
  if (known.length < unique.length) flags.add('unknown_code_dropped');
  return known;
}

function resolveRomeCodes(
  source: SourceRecord,
  certification: NonNullable<HarmonisedRecord['certification']>,
  formacodes: readonly string[],
  referentials: Referentials,
  flags: Set<QualityFlag>,
): string[] {
  const codes = knownCodes(source.romeCodes, (code) => referentials.romeLabel(code) !== undefined, flags);
  const fromCertification = [
    ...(certification.certifInfo
      ? (referentials.certification(certification.certifInfo)?.romeCodes ?? [])
      : []),
    ...(certification.rncp ? referentials.romeCodesOfRncp(certification.rncp) : []),
  ];
  const added = fromCertification.filter((code) => !codes.includes(code));
  if (added.length > 0) {
    codes.push(...new Set(added));
    flags.add('rome_from_certification');
  }
  if (codes.length === 0) {
    const fromFormacode = formacodes.flatMap((code) =>
      referentials.romeCodesOfFormacode(code).slice(0, MAX_ROME_FROM_FORMACODE),
    );
    if (fromFormacode.length > 0) {
      codes.push(...new Set(fromFormacode));
      flags.add('rome_from_formacode');
    }
  }
  if (codes.length === 0) flags.add('no_rome_code');
  return [...new Set(codes)].slice(0, MAX_ROME_CODES);
}

/** A SIRET whose key is wrong names no establishment: it could only merge unrelated trainings. */
function checkedSiret(siret: string | undefined, flags: Set<QualityFlag>): string | undefined {
  if (siret === undefined || isValidSiret(siret)) return siret;
  flags.add('invalid_siret_dropped');
  return undefined;
}

function mergeKeyOf(
  kind: SourceRecord['kind'],
  siret: string | undefined,
  certification: NonNullable<HarmonisedRecord['certification']>,
  location: Location,
): string | null {
  const certificationId = certification.rncp ?? (certification.certifInfo && `CI${certification.certifInfo}`);
  if (kind !== 'training' || !siret || !certificationId || !location.departement) return null;
  return `${siret}|${certificationId}|${location.departement}`;
}

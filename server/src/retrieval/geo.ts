import type { JobseekerProfile } from '@reco/contracts';
import type { Commune, Referentials } from '@reco/referentials';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Where the jobseeker lives, as precisely as the profile allows: the centre of their commune. */
export interface JobseekerPlace extends GeoPoint {
  inseeCode: string;
  commune: string;
  departement: string;
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in kilometres. */
export function haversineKm(from: GeoPoint, to: GeoPoint): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const halfChordSquared =
    Math.sin(radians(to.lat - from.lat) / 2) ** 2 +
    Math.cos(radians(from.lat)) * Math.cos(radians(to.lat)) * Math.sin(radians(to.lon - from.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(halfChordSquared)));
}

/**
 * The jobseeker's commune, from its INSEE code or its postcode; undefined when the referential does
 * not know it. A postcode shared by several communes stands for the most specific one (a Lyon
 * arrondissement rather than the whole city), then the most populous.
 */
export function jobseekerPlace(
  location: JobseekerProfile['location'],
  referentials: Referentials,
): JobseekerPlace | undefined {
  const commune = location.inseeCode
    ? referentials.commune(location.inseeCode)
    : location.postcode
      ? mostLikelyCommune(referentials.communesByPostcode(location.postcode))
      : undefined;
  if (!commune) return undefined;
  return {
    lat: commune.lat,
    lon: commune.lon,
    inseeCode: commune.inseeCode,
    commune: commune.name,
    departement: commune.departement,
  };
}

function mostLikelyCommune(communes: readonly Commune[]): Commune | undefined {
  return [...communes].sort(
    (a, b) => a.postcodes.length - b.postcodes.length || b.population - a.population,
  )[0];
}

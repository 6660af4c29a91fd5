import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommuneRow, CommunesSlice, DepartementRow } from '../slice-format';
import { column, readCsvRecords } from './read-csv';

/** Offers use the INSEE codes of Paris, Lyon and Marseille's arrondissements as well as the cities'. */
const KEPT_TYPES = new Set(['commune-actuelle', 'arrondissement-municipal']);

/** 5 decimals is about one metre: plenty for distances to a training centre. */
const COORDINATE_DECIMALS = 5;

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  population?: number;
  codesPostaux?: string[];
  /** INSEE codes of the communes merged into this one. */
  anciensCodes?: string[];
}

interface CogDepartement {
  code: string;
  nom: string;
}

interface Point {
  lat: number;
  lon: number;
}

interface Weighted extends Point {
  weight: number;
}

export interface CommunesBuild {
  slice: CommunesSlice;
  report: {
    kept: number;
    placedByFormerCodes: string[];
    placedByPostcode: string[];
    droppedWithoutCoordinates: string[];
    departementsWithoutCommunes: string[];
  };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf-8')) as T;
}

function round(value: number): number {
  const factor = 10 ** COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}

/**
 * Mean of the points, weighted; a plain mean when every weight is 0 (uninhabited places) so that
 * such places still get a position.
 */
function weightedMean(points: readonly Weighted[]): Point | undefined {
  if (points.length === 0) return undefined;
  const total = points.reduce((sum, p) => sum + p.weight, 0);
  const weightOf = (p: Weighted) => (total > 0 ? p.weight / total : 1 / points.length);
  return {
    lat: points.reduce((sum, p) => sum + p.lat * weightOf(p), 0),
    lon: points.reduce((sum, p) => sum + p.lon * weightOf(p), 0),
  };
}

/** La Poste gives one row per (commune, postcode, delivery line); a commune's position is their mean. */
function readLaPoste(dataDir: string): { points: Map<string, Point>; postcodes: Map<string, Set<string>> } {
  const sums = new Map<string, Weighted[]>();
  const postcodes = new Map<string, Set<string>>();
  const records = readCsvRecords(join(dataDir, 'communes', 'laposte_hexasmal.csv'), {
    delimiter: ';',
    encoding: 'utf-8',
    quoted: false,
  });
  for (const record of records) {
    const insee = column(record, 'Code_commune_INSEE');
    const set = postcodes.get(insee) ?? new Set<string>();
    set.add(column(record, 'Code_postal'));
    postcodes.set(insee, set);
    const [lat, lon] = column(record, 'coordonnees_gps').split(',').map(Number);
    if (lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon)) continue;
    const list = sums.get(insee) ?? [];
    list.push({ lat, lon, weight: 1 });
    sums.set(insee, list);
  }
  const points = new Map<string, Point>();
  for (const [insee, list] of sums) {
    const mean = weightedMean(list);
    if (mean) points.set(insee, mean);
  }
  return { points, postcodes };
}

/**
 * INSEE communes with La Poste postcodes and positions. A commune La Poste has no position for
 * (Paris, Lyon and Marseille are listed by arrondissement; a few recent mergers) is placed at the
 * mean position of the communes merged into it when La Poste still lists them under their former
 * INSEE codes, else at the population-weighted mean of the positioned communes sharing one of its
 * postcodes; one with neither (mostly overseas collectivities La Poste does not cover) is dropped.
 * Département centres are population-weighted means of their communes, arrondissements excluded
 * since their city already stands for them.
 */
export function buildCommunes(dataDir: string): CommunesBuild {
  const cog = readJson<CogCommune[]>(join(dataDir, 'communes', 'communes.json')).filter((c) =>
    KEPT_TYPES.has(c.type),
  );
  const laPoste = readLaPoste(dataDir);
  const postcodesOf = (c: CogCommune) =>
    [...new Set([...(c.codesPostaux ?? []), ...(laPoste.postcodes.get(c.code) ?? [])])].sort();

  const positionedByPostcode = new Map<string, Weighted[]>();
  for (const c of cog) {
    const point = laPoste.points.get(c.code);
    if (!point) continue;
    for (const postcode of postcodesOf(c)) {
      const list = positionedByPostcode.get(postcode) ?? [];
      list.push({ ...point, weight: c.population ?? 0 });
      positionedByPostcode.set(postcode, list);
    }
  }

  const report: CommunesBuild['report'] = {
    kept: 0,
    placedByFormerCodes: [],
    placedByPostcode: [],
    droppedWithoutCoordinates: [],
    departementsWithoutCommunes: [],
  };
  const communes: CommuneRow[] = [];
  const byDepartement = new Map<string, Weighted[]>();
  for (const c of cog) {
    const postcodes = postcodesOf(c);
    let point = laPoste.points.get(c.code);
    if (!point) {
      point = weightedMean(
        (c.anciensCodes ?? []).flatMap((code) => {
          const former = laPoste.points.get(code);
          return former ? [{ ...former, weight: 1 }] : [];
        }),
      );
      if (point) report.placedByFormerCodes.push(`${c.code} ${c.nom}`);
    }
    if (!point) {
      point = weightedMean(postcodes.flatMap((postcode) => positionedByPostcode.get(postcode) ?? []));
      if (!point) {
        report.droppedWithoutCoordinates.push(`${c.code} ${c.nom}`);
        continue;
      }
      report.placedByPostcode.push(`${c.code} ${c.nom}`);
    }
    const population = c.population ?? 0;
    communes.push([c.code, c.nom, c.departement, population, round(point.lat), round(point.lon), postcodes]);
    if (c.type === 'commune-actuelle') {
      const list = byDepartement.get(c.departement) ?? [];
      list.push({ ...point, weight: population });
      byDepartement.set(c.departement, list);
    }
  }
  report.kept = communes.length;

  const departements: DepartementRow[] = [];
  for (const d of readJson<CogDepartement[]>(join(dataDir, 'communes', 'departements.json'))) {
    const centre = weightedMean(byDepartement.get(d.code) ?? []);
    if (centre) departements.push([d.code, d.nom, round(centre.lat), round(centre.lon)]);
    else report.departementsWithoutCommunes.push(`${d.code} ${d.nom}`);
  }
  return { slice: { communes, departements }, report };
}

import type { Commune, Referentials } from '@reco/referentials';
import { commaList } from './lists';
import { type Random, WeightedPicker } from './random';

/**
 * Real communes, drawn weighted by population: most offers land in and around large cities, and
 * some in small towns everywhere, as in the real catalogue.
 */
export class Places {
  private readonly departementPicker: WeightedPicker<string>;
  private readonly communePickers = new Map<string, WeightedPicker<Commune>>();
  private readonly communesByDepartement = new Map<string, Commune[]>();
  private readonly nearestDepartements = new Map<string, string[]>();
  private readonly nearbyPickers = new Map<string, WeightedPicker<Commune>>();

  constructor(private readonly referentials: Referentials) {
    for (const commune of referentials.communes()) {
      if (!isLocatable(commune)) continue;
      const list = this.communesByDepartement.get(commune.departement) ?? [];
      list.push(commune);
      this.communesByDepartement.set(commune.departement, list);
    }
    const populationByDepartement = new Map<string, number>();
    for (const [code, communes] of this.communesByDepartement) {
      populationByDepartement.set(
        code,
        communes.reduce((sum, commune) => sum + commune.population, 0),
      );
    }
    const codes = [...populationByDepartement.keys()].sort();
    if (codes.length === 0)
      throw new Error('the referentials hold no commune with a postcode and coordinates');
    this.departementPicker = new WeightedPicker(codes, (code) => populationByDepartement.get(code) ?? 0);
  }

  departementName(code: string): string {
    return this.referentials.departement(code)?.name ?? code;
  }

  pickDepartement(random: Random): string {
    return this.departementPicker.pick(random);
  }

  pickCommune(random: Random, departement: string): Commune {
    let picker = this.communePickers.get(departement);
    if (!picker) {
      const communes = this.communesByDepartement.get(departement);
      if (!communes) throw new Error(`no commune known in département ${departement}`);
      picker = new WeightedPicker(communes, (commune) => commune.population);
      this.communePickers.set(departement, picker);
    }
    return picker.pick(random);
  }

  /** A commune within `radiusKm` of a centre (a metropolis and its suburbs), weighted by population. */
  pickCommuneNear(random: Random, centre: Commune, radiusKm: number): Commune {
    const key = `${centre.inseeCode}:${radiusKm}`;
    let picker = this.nearbyPickers.get(key);
    if (!picker) {
      const nearby = (this.communesByDepartement.get(centre.departement) ?? []).filter(
        (commune) => distanceKm(commune, centre) <= radiusKm,
      );
      picker = new WeightedPicker(nearby.length > 0 ? nearby : [centre], (commune) => commune.population);
      this.nearbyPickers.set(key, picker);
    }
    return picker.pick(random);
  }

  /** The most populated commune of a département, if the referentials know any there. */
  largestCommuneOf(departement: string): Commune | undefined {
    const communes = this.communesByDepartement.get(departement) ?? [];
    return communes.reduce<Commune | undefined>(
      (largest, commune) => (!largest || commune.population > largest.population ? commune : largest),
      undefined,
    );
  }

  /** The largest communes, most populated first. */
  largestCommunes(count: number): Commune[] {
    return [...this.communesByDepartement.values()]
      .flat()
      .sort((a, b) => b.population - a.population || a.inseeCode.localeCompare(b.inseeCode))
      .slice(0, count);
  }

  /**
   * The département itself then its `count - 1` nearest neighbours by centre: providers work in
   * neighbouring départements, not across the country.
   */
  neighbourhood(departement: string, count: number): string[] {
    let nearest = this.nearestDepartements.get(departement);
    if (!nearest) {
      const centre = this.referentials.departement(departement);
      const others = [...this.communesByDepartement.keys()].filter((code) => code !== departement);
      nearest = centre
        ? others
            .map((code) => ({ code, centre: this.referentials.departement(code) }))
            .filter((entry) => entry.centre !== undefined)
            .sort(
              (a, b) =>
                distanceKm(centre, a.centre ?? centre) - distanceKm(centre, b.centre ?? centre) ||
                a.code.localeCompare(b.code),
            )
            .map((entry) => entry.code)
        : [];
      this.nearestDepartements.set(departement, nearest);
    }
    return [departement, ...nearest.slice(0, count - 1)];
  }
}

function isLocatable(commune: Commune): boolean {
  return (
    commune.postcodes.length > 0 &&
    commune.population > 0 &&
    Number.isFinite(commune.lat) &&
    Number.isFinite(commune.lon)
  );
}

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const STREETS = commaList(`
  rue de la République, avenue Jean Jaurès, boulevard Victor Hugo, rue Pasteur, rue de la Gare,
  avenue du Général de Gaulle, rue des Écoles, rue Gambetta, rue du Moulin, allée des Tilleuls,
  rue de l'Industrie, avenue de la Libération, rue des Artisans, chemin des Vignes, rue Émile Zola,
  place de l'Hôtel de Ville, rue du Stade, avenue de l'Europe, rue Jules Ferry, impasse des Forges
`);

/** An invented street address line: "12 rue Pasteur". */
export function streetLine(random: Random): string {
  return `${random.int(1, 120)} ${random.pick(STREETS)}`;
}

/** One of the commune's postcodes (large cities have several, one per district). */
export function pickPostcode(random: Random, commune: Commune): string {
  return random.pick(commune.postcodes);
}

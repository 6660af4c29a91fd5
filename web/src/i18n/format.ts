import type { LocationPrecision, Modality, Provenance } from '@reco/contracts';
import { LEVEL_LABELS, SOURCE_LABELS } from './labels';

/** French formatting of the facts shown on the cards and the proposal. */

const euros = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2, minimumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const longDate = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Gratuit", "1 200 €", "Coût non communiqué". */
export function formatCost(costEur: number | undefined): string {
  if (costEur === undefined) return 'Coût non communiqué';
  if (costEur === 0) return 'Gratuit';
  return `${euros.format(costEur)}\u00a0€`;
}

/** An ISO date (`2027-01-11`) as "11 janvier 2027", whatever the browser's time zone. */
export function formatDate(isoDate: string | undefined): string | undefined {
  if (!isoDate) return undefined;
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return undefined;
  return longDate.format(new Date(Date.UTC(year, month - 1, day)));
}

/** "280 heures", "1 heure", "3,5 heures"; undefined when unknown. */
export function formatDuration(hours: number | undefined): string | undefined {
  if (hours === undefined) return undefined;
  return `${decimal.format(hours)}\u00a0heure${hours >= 2 ? 's' : ''}`;
}

export interface PlaceFacts {
  distanceKm?: number | undefined;
  locationPrecision: LocationPrecision;
  modality: Modality;
}

/**
 * Where the offer takes place relative to the jobseeker: "À distance", "à 12 km", or the caution of a
 * location known only to the département (the distance is then to its centre).
 */
export function formatDistance(facts: PlaceFacts): string {
  if (facts.modality === 'remote' || facts.locationPrecision === 'online') return 'À distance';
  const mixed = facts.modality === 'blended' ? ' (en partie à distance)' : '';
  if (facts.locationPrecision === 'departement') {
    const around =
      facts.distanceKm === undefined ? '' : ` (centre du département à ${kilometres(facts.distanceKm)})`;
    return `Localisation connue au niveau du département${around}${mixed}`;
  }
  if (facts.distanceKm === undefined) return `Distance non calculée${mixed}`;
  return facts.distanceKm < 1 ? `à moins de 1 km${mixed}` : `à ${kilometres(facts.distanceKm)}${mixed}`;
}

function kilometres(distanceKm: number): string {
  return `${Math.round(distanceKm)}\u00a0km`;
}

/** "Niveau 4 (Bac)", or "Niveau 2" outside the profile's range. */
export function formatLevel(level: number | undefined): string | undefined {
  if (level === undefined) return undefined;
  return LEVEL_LABELS[level] ?? `Niveau ${level}`;
}

/** "Carif-Oref (LHEO) n° AF-12". */
export function formatSource(source: Provenance): string {
  return `${SOURCE_LABELS[source.source]} n°\u00a0${source.sourceId}`;
}

/** "1 suggestion", "3 suggestions". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count}\u00a0${count > 1 ? pluralForm : singular}`;
}

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** 0.425 → "43 %"; a rate without a base → "—". */
export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : percent.format(rate);
}

/** An ISO timestamp as French date and time, in France. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date).replace(':', ' h ');
}

/** 83 000 ms → "1 min 23 s"; "—" when unknown. */
export function formatElapsed(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}\u00a0s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes < 60) return rest ? `${minutes}\u00a0min ${rest}\u00a0s` : `${minutes}\u00a0min`;
  return `${Math.floor(minutes / 60)}\u00a0h ${minutes % 60}\u00a0min`;
}

import type { OversightResponse } from '@reco/contracts';
import { formatPercent } from '../i18n/format';
import { CATEGORY_LABELS, ERROR_REPORT_KIND_LABELS, SET_ASIDE_REASON_LABELS } from '../i18n/labels';

export interface ChartSeries {
  label: string;
}

export interface ChartRow {
  label: string;
  /** One value per series; `null` when there is nothing to compute it from. */
  values: (number | null)[];
  /** The values as read aloud and printed next to the bars. */
  texts: string[];
}

/** What a bar chart shows; the same data also goes into a table for screen readers. */
export interface ChartSpec {
  id: string;
  title: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** The value of a full bar: 1 for rates, the largest count otherwise. */
  max: number;
  /** Said when there are no rows. */
  empty: string;
}

const count = (n: number) => n.toLocaleString('fr-FR');

export function acceptanceByRankChart(oversight: OversightResponse): ChartSpec {
  return {
    id: 'acceptance-by-rank',
    title: 'Taux de suggestions retenues, par rang d’affichage',
    series: [{ label: 'Taux retenu' }],
    rows: oversight.acceptanceByRank
      .filter((row) => row.shown > 0)
      .map((row) => ({
        label: `Rang ${row.rank}`,
        values: [row.rate],
        texts: [`${formatPercent(row.rate)} (${count(row.retained)} sur ${count(row.shown)})`],
      })),
    max: 1,
    empty: 'Aucune décision enregistrée sur la période.',
  };
}

export function setAsideReasonsChart(oversight: OversightResponse): ChartSpec {
  const rows = [...oversight.setAsideReasons].sort((a, b) => b.count - a.count);
  return {
    id: 'set-aside-reasons',
    title: 'Motifs des suggestions écartées',
    series: [{ label: 'Suggestions écartées' }],
    rows: rows.map((row) => ({
      label: SET_ASIDE_REASON_LABELS[row.reason],
      values: [row.count],
      texts: [count(row.count)],
    })),
    max: Math.max(1, ...rows.map((row) => row.count)),
    empty: 'Aucune suggestion écartée sur la période.',
  };
}

export function guardrailAlertsChart(oversight: OversightResponse): ChartSpec {
  const rows = oversight.guardrailAlerts.filter((row) => row.warnings + row.refusals > 0);
  return {
    id: 'guardrail-alerts',
    title: 'Alertes sur les données sensibles, par catégorie',
    series: [{ label: 'Demandes refusées' }, { label: 'Alertes (données masquées)' }],
    rows: rows.map((row) => ({
      label: CATEGORY_LABELS[row.category],
      values: [row.refusals, row.warnings],
      texts: [`${count(row.refusals)} refus`, `${count(row.warnings)} alerte${row.warnings > 1 ? 's' : ''}`],
    })),
    max: Math.max(1, ...rows.flatMap((row) => [row.refusals, row.warnings])),
    empty: 'Aucune alerte sur la période.',
  };
}

export function degradedShareByWeekChart(oversight: OversightResponse): ChartSpec {
  return {
    id: 'degraded-share',
    title: 'Part des réponses en mode dégradé (sans IA), par semaine',
    series: [{ label: 'Part en mode dégradé' }],
    rows: oversight.byWeek.map((week) => ({
      label: week.week.replace('-W', ' – semaine '),
      values: [week.degradedShare],
      texts: [`${formatPercent(week.degradedShare)} (${count(week.requests)} demandes)`],
    })),
    max: 1,
    empty: 'Aucune demande sur la période.',
  };
}

export function errorReportsChart(oversight: OversightResponse): ChartSpec {
  return {
    id: 'error-reports',
    title: 'Erreurs signalées par les conseillers',
    series: [{ label: 'Signalements' }],
    rows: oversight.errorReports
      .filter((row) => row.count > 0)
      .map((row) => ({
        label: ERROR_REPORT_KIND_LABELS[row.kind],
        values: [row.count],
        texts: [count(row.count)],
      })),
    max: Math.max(1, ...oversight.errorReports.map((row) => row.count)),
    empty: 'Aucune erreur signalée sur la période.',
  };
}

/** The length of a bar, in the chart's units; never negative, never past the full width. */
export function barLength(value: number | null, max: number, width: number): number {
  if (value === null || max <= 0) return 0;
  return Math.max(0, Math.min(width, (value / max) * width));
}

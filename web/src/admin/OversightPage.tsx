import { adminOversightRoute } from '@reco/contracts';
import { useState } from 'react';
import { useApi } from '../api/api-context';
import { formatElapsed, formatPercent } from '../i18n/format';
import { AutomationBiasNotice } from './AutomationBiasNotice';
import { type AuditFilterForm, EMPTY_FILTERS, filtersKey, toRequestFilters } from './admin-filters';
import { BarChart } from './BarChart';
import { FilterBar } from './FilterBar';
import {
  acceptanceByRankChart,
  degradedShareByWeekChart,
  errorReportsChart,
  guardrailAlertsChart,
  setAsideReasonsChart,
} from './oversight-charts';
import { QueryStatus } from './QueryStatus';
import { useApiQuery } from './use-api-query';

/** The human-oversight dashboard: how counsellors use the suggestions, and warning signs. */
export function OversightPage() {
  const api = useApi();
  const [filters, setFilters] = useState<AuditFilterForm>(EMPTY_FILTERS);
  const { from, to, team } = toRequestFilters(filters);
  const query = { ...(from && { from }), ...(to && { to }), ...(team && { team }) };
  const { state, reload } = useApiQuery(filtersKey(query), (signal) =>
    api.call(adminOversightRoute, { query, signal }),
  );
  const data = state.data;

  return (
    <div>
      <h1>Supervision</h1>
      <FilterBar initial={filters} withGuardrail={false} onApply={setFilters} />
      <QueryStatus state={state} onRetry={reload} />
      {data && (
        <>
          <AutomationBiasNotice oversight={data} />
          <h2>Indicateurs</h2>
          <ul className="app-kpis">
            <li>
              <strong>{data.requests.toLocaleString('fr-FR')}</strong>{' '}
              {data.requests > 1 ? 'demandes' : 'demande'}
            </li>
            <li>
              <strong>{data.decidedRequests.toLocaleString('fr-FR')}</strong>{' '}
              {data.decidedRequests > 1 ? 'propositions enregistrées' : 'proposition enregistrée'}
            </li>
            <li>
              <strong>{formatPercent(data.firstSuggestionShare)}</strong> limitées à la première suggestion
            </li>
            <li>
              <strong>{formatPercent(data.overrideRate)}</strong> avec une offre ajoutée par le conseiller
            </li>
            <li>
              <strong>{formatPercent(data.degradedShare)}</strong> de réponses en mode dégradé
            </li>
            <li>
              <strong>{formatElapsed(data.timeToDecideMs.median)}</strong> délai médian de décision (9 sur 10
              en moins de {formatElapsed(data.timeToDecideMs.p90)})
            </li>
          </ul>
          <h2>Graphiques</h2>
          <BarChart spec={acceptanceByRankChart(data)} />
          <BarChart spec={setAsideReasonsChart(data)} />
          <BarChart spec={guardrailAlertsChart(data)} />
          <BarChart spec={degradedShareByWeekChart(data)} />
          <BarChart spec={errorReportsChart(data)} />
          {data.byTeam.length > 0 && (
            <div className="fr-table">
              <table>
                <caption>Par équipe</caption>
                <thead>
                  <tr>
                    <th scope="col">Équipe</th>
                    <th scope="col">Demandes</th>
                    <th scope="col">Décisions</th>
                    <th scope="col">1ʳᵉ suggestion seule</th>
                    <th scope="col">Offres ajoutées</th>
                    <th scope="col">Mode dégradé</th>
                    <th scope="col">Délai médian</th>
                    <th scope="col">Alerte</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byTeam.map((row) => (
                    <tr key={row.team ?? '(sans équipe)'}>
                      <th scope="row">{row.team ?? 'Sans équipe'}</th>
                      <td>{row.requests}</td>
                      <td>{row.decidedRequests}</td>
                      <td>{formatPercent(row.firstSuggestionShare)}</td>
                      <td>{formatPercent(row.overrideRate)}</td>
                      <td>{formatPercent(row.degradedShare)}</td>
                      <td>{formatElapsed(row.timeToDecideMs.median)}</td>
                      <td>{row.automationBiasWarning ? 'Biais d’automatisation possible' : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

import { adminRequestsCsvRoute, adminRequestsRoute } from '@reco/contracts';
import { useState } from 'react';
import { buildUrl } from '../api/api-client';
import { useApi } from '../api/api-context';
import { plural } from '../i18n/format';
import { type AuditFilterForm, EMPTY_FILTERS, filtersKey, toRequestFilters } from './admin-filters';
import { FilterBar } from './FilterBar';
import { Pagination } from './Pagination';
import { QueryStatus } from './QueryStatus';
import { RequestRow } from './RequestRow';
import { useApiQuery } from './use-api-query';

const LIMIT = 50;

/** The retained (redacted) requests, filtered, with the CSV export of the same filters. */
export function RequestsPage() {
  const api = useApi();
  const [filters, setFilters] = useState<AuditFilterForm>(EMPTY_FILTERS);
  const [offset, setOffset] = useState(0);
  const query = toRequestFilters(filters);
  const { state, reload } = useApiQuery(filtersKey({ ...query, offset }), (signal) =>
    api.call(adminRequestsRoute, { query: { ...query, limit: LIMIT, offset }, signal }),
  );
  const data = state.data;

  return (
    <div>
      <h1>Demandes conservées</h1>
      <p>
        Les demandes sont conservées expurgées (identifiants remplacés par des marqueurs), pour la durée de
        conservation fixée. Chaque consultation est inscrite au journal des accès.
      </p>
      <FilterBar
        initial={filters}
        withGuardrail
        onApply={(next) => {
          setFilters(next);
          setOffset(0);
        }}
      />
      <p>
        <a
          className="fr-btn fr-btn--secondary"
          href={buildUrl(adminRequestsCsvRoute.path, undefined, query)}
          download
        >
          Exporter en CSV (mêmes filtres)
        </a>
      </p>
      <QueryStatus state={state} onRetry={reload} />
      {data && (
        <>
          <p role="status">{plural(data.total, 'demande')}</p>
          <div className="fr-table">
            <table>
              <caption className="fr-sr-only">Demandes conservées</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Conseiller</th>
                  <th scope="col">Demande (expurgée)</th>
                  <th scope="col">Alertes</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Décision</th>
                  <th scope="col">Signalements</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((request) => (
                  <RequestRow key={request.requestId} request={request} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination total={data.total} offset={offset} limit={LIMIT} onChange={setOffset} />
        </>
      )}
    </div>
  );
}

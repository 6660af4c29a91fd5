import { adminAccessLogRoute } from '@reco/contracts';
import { useState } from 'react';
import { useApi } from '../api/api-context';
import { formatDateTime, plural } from '../i18n/format';
import { Alert } from '../ui/Alert';
import { Pagination } from './Pagination';
import { QueryStatus } from './QueryStatus';
import { useApiQuery } from './use-api-query';

const LIMIT = 50;

function filtersText(filters: Record<string, unknown>): string {
  const entries = Object.entries(filters).filter(
    ([, value]) => value !== undefined && value !== null && value !== '',
  );
  return entries.length === 0 ? '—' : entries.map(([key, value]) => `${key} = ${String(value)}`).join(', ');
}

/** Who consulted audit data, when and with which filters; the chain of hashes is checked each time. */
export function AccessLogPage() {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const { state, reload } = useApiQuery(String(offset), (signal) =>
    api.call(adminAccessLogRoute, { query: { limit: LIMIT, offset }, signal }),
  );
  const data = state.data;

  return (
    <div>
      <h1>Journal des accès</h1>
      <p>
        Chaque consultation des données d’audit y est inscrite. Les entrées sont chaînées : toute modification
        se voit.
      </p>
      <QueryStatus state={state} onRetry={reload} />
      {data && (
        <>
          {data.integrity.ok ? (
            <Alert severity="success" title="Journal intègre" as="h2">
              <p>{plural(data.integrity.entries, 'entrée vérifiée', 'entrées vérifiées')}.</p>
            </Alert>
          ) : (
            <Alert severity="error" title="Journal altéré" as="h2" live="alert">
              <p>
                L’entrée n° {data.integrity.firstBrokenId}{' '}
                {data.integrity.reason === 'content_changed'
                  ? 'a été modifiée'
                  : 'ne suit pas la précédente (chaîne rompue)'}
                . Prévenez le délégué à la protection des données.
              </p>
            </Alert>
          )}
          <div className="fr-table">
            <table>
              <caption className="fr-sr-only">Journal des accès</caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Date</th>
                  <th scope="col">Administrateur</th>
                  <th scope="col">Consultation</th>
                  <th scope="col">Filtres</th>
                  <th scope="col">Lignes</th>
                  <th scope="col">Empreinte</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{entry.id}</td>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>{entry.actor}</td>
                    <td>
                      <code>{entry.route}</code>
                    </td>
                    <td>{filtersText(entry.filters)}</td>
                    <td>{entry.rowCount.toLocaleString('fr-FR')}</td>
                    <td>
                      <code title={entry.hash}>{entry.hash.slice(0, 12)}…</code>
                    </td>
                  </tr>
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

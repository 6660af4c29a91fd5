// @vitest-environment jsdom
import type { OversightResponse } from '@reco/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, problem, type RecordedCall, renderWithApi } from '../testing/dom';
import { OversightPage } from './OversightPage';

const slice = {
  requests: 40,
  decidedRequests: 30,
  firstSuggestionShare: 0.5,
  overrideRate: 0.1,
  degradedShare: 0.25,
  timeToDecideMs: { median: 60_000, p90: 180_000, sample: 30 },
  automationBiasWarning: false,
};

/** The figures as the server sends them: under the 70 % threshold unless told. */
function oversight(overrides: Partial<OversightResponse> = {}): OversightResponse {
  return {
    ...slice,
    period: { from: '2026-11-01', to: '2026-11-30', team: null },
    automationBias: { threshold: 0.7, minDecisions: 20 },
    acceptanceByRank: [
      { rank: 1, shown: 30, retained: 18, rate: 0.6 },
      { rank: 2, shown: 30, retained: 6, rate: 0.2 },
    ],
    setAsideReasons: [{ reason: 'dates', count: 9 }],
    errorReports: [{ kind: 'wrong_fact', count: 2 }],
    guardrailAlerts: [{ category: 'health', warnings: 0, refusals: 3 }],
    byTeam: [{ ...slice, team: 'Équipe A' }],
    byWeek: [{ ...slice, week: '2026-W48' }],
    ...overrides,
  };
}

const WARNING = 'Risque de biais d’automatisation';

describe('OversightPage', () => {
  it('shows the automation-bias warning when the share is above the threshold', async () => {
    const server = fakeFetch(() => ({
      body: oversight({ firstSuggestionShare: 0.8, automationBiasWarning: true }),
    }));
    renderWithApi(<OversightPage />, server.fetch);

    const title = await screen.findByText(WARNING);
    const alert = title.closest('.fr-alert') as HTMLElement;
    expect(alert).toHaveClass('fr-alert--warning');
    expect(alert).toHaveAttribute('role', 'status');
    expect(alert).toHaveTextContent(/Dans 80\s%\sdes décisions/);
    expect(alert).toHaveTextContent(/seuil d’alerte : 70\s%/);
    // Above the figures it qualifies.
    const kpis = screen.getByRole('heading', { name: 'Indicateurs' });
    expect(alert.compareDocumentPosition(kpis) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(server.calls).toEqual([{ method: 'GET', url: '/api/admin/oversight' }]);
  });

  it('shows no warning under the threshold, only what the warning means', async () => {
    const server = fakeFetch(() => ({ body: oversight() }));
    renderWithApi(<OversightPage />, server.fetch);

    expect(await screen.findByRole('heading', { name: 'Indicateurs' })).toBeInTheDocument();
    expect(screen.queryByText(WARNING)).not.toBeInTheDocument();
    expect(screen.getByText('À propos du biais d’automatisation')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Par équipe' })).toBeInTheDocument();
  });

  it('reloads with the team filter, and the warning follows the new figures', async () => {
    const user = userEvent.setup();
    const server = fakeFetch((call: RecordedCall) => ({
      body: call.url.includes('team=')
        ? oversight({ firstSuggestionShare: 0.9, automationBiasWarning: true })
        : oversight(),
    }));
    renderWithApi(<OversightPage />, server.fetch);
    await screen.findByRole('heading', { name: 'Indicateurs' });
    expect(screen.queryByText(WARNING)).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Équipe'), 'Équipe A');
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));

    expect(await screen.findByText(WARNING)).toBeInTheDocument();
    expect(server.calls.at(-1)?.url).toBe(
      `/api/admin/oversight?${new URLSearchParams({ team: 'Équipe A' })}`,
    );
  });

  it('says when the figures cannot be loaded, and loads them again on « Réessayer »', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const server = fakeFetch(() => {
      attempts += 1;
      return attempts === 1
        ? { status: 503, body: problem(503, 'Service Unavailable') }
        : { body: oversight({ firstSuggestionShare: 0.8, automationBiasWarning: true }) };
    });
    renderWithApi(<OversightPage />, server.fetch);

    expect(await screen.findByText('Chargement impossible')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));

    await waitFor(() => expect(screen.getByText(WARNING)).toBeInTheDocument());
    expect(server.calls).toHaveLength(2);
  });
});

// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, problem, type RecordedCall, renderWithApi } from '../testing/dom';
import { anOversight } from '../testing/fixtures';
import { OversightPage } from './OversightPage';

const WARNING = 'Risque de biais d’automatisation';

describe('OversightPage', () => {
  it('shows the automation-bias warning when the share is above the threshold', async () => {
    const server = fakeFetch(() => ({
      body: anOversight({ firstSuggestionShare: 0.8, automationBiasWarning: true }),
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
    const server = fakeFetch(() => ({ body: anOversight() }));
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
        ? anOversight({ firstSuggestionShare: 0.9, automationBiasWarning: true })
        : anOversight(),
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
        : { body: anOversight({ firstSuggestionShare: 0.8, automationBiasWarning: true }) };
    });
    renderWithApi(<OversightPage />, server.fetch);

    expect(await screen.findByText('Chargement impossible')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));

    await waitFor(() => expect(screen.getByText(WARNING)).toBeInTheDocument());
    expect(server.calls).toHaveLength(2);
  });
});

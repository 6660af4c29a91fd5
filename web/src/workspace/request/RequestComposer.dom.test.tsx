// @vitest-environment jsdom
import type { GuardrailSummary } from '@reco/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, noFetch, problem, type RecordedCall, renderWithApi } from '../../testing/dom';
import { RequestComposer } from './RequestComposer';

/** The composer with its text kept in state, as the workspace does. */
function Harness({ initial = '', onSubmit = () => {} }: { initial?: string; onSubmit?: () => void }) {
  const [text, setText] = useState(initial);
  return <RequestComposer value={text} onChange={setText} onSubmit={onSubmit} busy={false} />;
}

/** A fake of the server's live check: flags "diabétique" (health) and a phone number (identifier). */
function check(text: string): GuardrailSummary {
  const findings: GuardrailSummary['findings'] = [];
  const health = text.indexOf('diabétique');
  if (health >= 0) findings.push({ category: 'health', start: health, end: health + 'diabétique'.length });
  const phone = text.search(/0\d{9}/);
  if (phone >= 0) findings.push({ category: 'identifier', start: phone, end: phone + 10 });
  const categories = [...new Set(findings.map((finding) => finding.category))];
  const decision = categories.includes('health') ? 'block' : categories.length > 0 ? 'warn' : 'allow';
  return { decision, categories, findings };
}

function guardrailServer() {
  return fakeFetch((call: RecordedCall) => {
    if (call.url !== '/api/guardrail/check') return { status: 404, body: problem(404, 'Not Found') };
    return { body: check((call.body as { text: string }).text) };
  });
}

const field = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: /Projet professionnel/ });

describe('RequestComposer', () => {
  it('inserts a template and selects its placeholder, ready to type over', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness />, guardrailServer().fetch);

    await user.click(screen.getByRole('button', { name: /^Reconversion/ }));

    const text = 'Reconversion vers le métier de … ; formation courte si possible';
    expect(field()).toHaveValue(text);
    await waitFor(() => expect(field()).toHaveFocus());
    expect(field().selectionStart).toBe(text.indexOf('…'));
    expect(field().selectionEnd).toBe(text.indexOf('…') + 1);

    await user.keyboard('cariste');
    expect(field()).toHaveValue('Reconversion vers le métier de cariste ; formation courte si possible');
  });

  it('puts a second template on a new line after the text already typed', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness initial="Projet : cariste   " />, guardrailServer().fetch);

    await user.click(screen.getByRole('button', { name: /^Formation courte/ }));

    expect(field()).toHaveValue('Projet : cariste\nFormation courte pour …');
  });

  it('checks the text once typing pauses and marks the sensitive words', async () => {
    const user = userEvent.setup();
    const server = guardrailServer();
    renderWithApi(<Harness />, server.fetch);

    await user.type(field(), 'Cariste, il est diabétique');

    const alerts = await screen.findByText(/contient des données sensibles/, {}, { timeout: 3000 });
    const region = alerts.closest('[role="status"]') as HTMLElement;
    expect(within(region).getByText('Santé')).toBeInTheDocument();
    expect(region).toHaveTextContent('« diabétique »');
    // Debounced: one check, on the whole text.
    expect(server.calls).toEqual([
      { method: 'POST', url: '/api/guardrail/check', body: { text: 'Cariste, il est diabétique' } },
    ]);
    const marks = document.querySelectorAll('mark');
    expect([...marks].map((mark) => mark.dataset.category)).toEqual(['health']);
    expect(marks[0]).toHaveTextContent('diabétique(Santé)');
  });

  it('warns about identifiers without blocking, and clears the alerts once the text is clean', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness />, guardrailServer().fetch);

    await user.type(field(), 'Cariste, joignable au 0612345678');
    expect(
      await screen.findByText('Données identifiantes : elles seront masquées', {}, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(document.querySelector('mark[data-category="identifier"]')).toHaveTextContent('0612345678');

    await user.clear(field());
    await user.type(field(), 'Cariste');
    await waitFor(() => expect(screen.queryByText(/Données identifiantes/)).not.toBeInTheDocument(), {
      timeout: 3000,
    });
    expect(document.querySelector('mark')).toBeNull();
  });

  it('says when the live check is unavailable', async () => {
    const user = userEvent.setup();
    const server = fakeFetch(() => ({ status: 503, body: problem(503, 'Service Unavailable') }));
    renderWithApi(<Harness />, server.fetch);

    await user.type(field(), 'Cariste');

    expect(
      await screen.findByText(/Vérification en direct indisponible/, {}, { timeout: 3000 }),
    ).toBeInTheDocument();
  });

  it('sends only a non-empty request', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    renderWithApi(<Harness onSubmit={onSubmit} />, noFetch);

    const send = screen.getByRole('button', { name: 'Obtenir des suggestions' });
    expect(send).toBeDisabled();
    await user.click(screen.getByRole('button', { name: /^Remise à niveau/ }));
    await user.click(send);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});

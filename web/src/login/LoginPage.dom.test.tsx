// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, noFetch, problem, renderWithApi } from '../testing/dom';
import { LoginPage } from './LoginPage';

describe('LoginPage', () => {
  it('shows the problem the server sent, empties the password and keeps the username', async () => {
    const user = userEvent.setup();
    const server = fakeFetch(() => ({
      status: 401,
      body: problem(401, 'Identifiants refusés', 'Identifiant ou mot de passe incorrect.'),
    }));
    const onSignedIn = vi.fn();
    renderWithApi(<LoginPage expired={false} onSignedIn={onSignedIn} />, server.fetch);

    await user.type(screen.getByLabelText('Identifiant'), 'c.martin');
    await user.type(screen.getByLabelText('Mot de passe'), 'mauvais');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Connexion refusée')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Identifiant ou mot de passe incorrect.');
    expect(server.calls).toEqual([
      { method: 'POST', url: '/api/auth/login', body: { username: 'c.martin', password: 'mauvais' } },
    ]);
    expect(screen.getByLabelText('Mot de passe')).toHaveValue('');
    expect(screen.getByLabelText('Identifiant')).toHaveValue('c.martin');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeEnabled();
  });

  it('says how long to wait after too many attempts', async () => {
    const user = userEvent.setup();
    const server = fakeFetch(() => ({
      status: 429,
      body: problem(429, 'Too Many Requests'),
      headers: { 'retry-after': '120' },
    }));
    renderWithApi(<LoginPage expired={false} onSignedIn={vi.fn()} />, server.fetch);

    await user.type(screen.getByLabelText('Identifiant'), 'c.martin');
    await user.type(screen.getByLabelText('Mot de passe'), 'x');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Trop de tentatives');
    expect(alert).toHaveTextContent('Patientez 2 minutes avant de réessayer.');
  });

  it('asks for both fields without calling the server', async () => {
    const user = userEvent.setup();
    renderWithApi(<LoginPage expired={false} onSignedIn={vi.fn()} />, noFetch);

    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Saisissez votre identifiant et votre mot de passe.');
  });

  it('signs in with the user the server returns', async () => {
    const user = userEvent.setup();
    const me = { user: 'c.martin', role: 'counsellor', csrfToken: 'token-1' };
    const server = fakeFetch(() => ({ body: me }));
    const onSignedIn = vi.fn();
    renderWithApi(<LoginPage expired onSignedIn={onSignedIn} />, server.fetch);

    expect(screen.getByRole('status')).toHaveTextContent('Session expirée');
    await user.type(screen.getByLabelText('Identifiant'), ' c.martin ');
    await user.type(screen.getByLabelText('Mot de passe'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject(me);
    expect(server.calls[0]?.body).toEqual({ username: 'c.martin', password: 'secret' });
  });
});

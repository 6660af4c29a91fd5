import { loginRoute, type MeResponse } from '@reco/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context';
import { type ApiError, asApiError } from '../api/api-error';
import { Alert } from '../ui/Alert';

interface LoginPageProps {
  expired: boolean;
  onSignedIn: (user: MeResponse) => void;
}

/** Username and password; the server's problem says what went wrong (a 429 says how long to wait). */
export function LoginPage({ expired, onSignedIn }: LoginPageProps) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error || missing) errorRef.current?.focus();
  }, [error, missing]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      setError(undefined);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const user = await api.call(loginRoute, { body: { username: username.trim(), password } });
      setPassword('');
      onSignedIn(user);
    } catch (caught) {
      setError(asApiError(caught));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fr-container--narrow">
      <h1>Connexion</h1>
      <p>Connectez-vous avec votre identifiant France Travail pour accéder à l’assistant formation.</p>
      {expired && (
        <Alert severity="info" title="Session expirée" live="status">
          <p>Votre session a expiré ou a été fermée. Reconnectez-vous pour continuer.</p>
        </Alert>
      )}
      <div ref={errorRef} tabIndex={-1}>
        {missing && (
          <Alert severity="error" title="Connexion impossible" live="alert">
            <p>Saisissez votre identifiant et votre mot de passe.</p>
          </Alert>
        )}
        {error && (
          <Alert
            severity={error.status === 429 ? 'warning' : 'error'}
            title={error.status === 429 ? 'Trop de tentatives' : 'Connexion refusée'}
            live="alert"
          >
            <p>{error.userMessage}</p>
          </Alert>
        )}
      </div>
      <form onSubmit={submit} noValidate>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-sr-only">Identifiants</legend>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="login-username">
              Identifiant
            </label>
            <input
              id="login-username"
              className="fr-input"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="login-password">
              Mot de passe
            </label>
            <input
              id="login-password"
              className="fr-input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
        </fieldset>
        <button type="submit" className="fr-btn" disabled={busy}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
    </div>
  );
}

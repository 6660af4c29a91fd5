import { useEffect, useRef } from 'react';
import { AdminArea } from './admin/AdminArea';
import { ApiProvider } from './api/api-context';
import { HelpPage } from './help/HelpPage';
import { Footer } from './layout/Footer';
import { Header } from './layout/Header';
import { SkipLinks } from './layout/SkipLinks';
import { LoginPage } from './login/LoginPage';
import { PAGE_TITLES, pageForRole } from './routing/routes';
import { usePage } from './routing/use-page';
import { useSession } from './session/use-session';
import { Alert } from './ui/Alert';
import { Workspace } from './workspace/Workspace';

/**
 * The session decides the area: login, the counsellor's workspace or the admin pages. The workspace
 * stays mounted (hidden) while the counsellor reads the help, so nothing typed or chosen is lost.
 */
export function App() {
  const session = useSession();
  const requested = usePage();
  const { state } = session;
  const user = state.status === 'signed_in' ? state.user : undefined;
  const page = user ? pageForRole(requested, user.role) : requested;
  // After an expiry the workspace stays, hidden, until the same counsellor signs in again.
  const owner = user ?? (state.status === 'anonymous' ? state.previous : undefined);
  const main = useRef<HTMLElement>(null);

  const title = user ? PAGE_TITLES[page] : 'Connexion';
  useEffect(() => {
    document.title = `${title} – Assistant formation – France Travail`;
  }, [title]);

  // A change of page moves the focus to the content, as a new page load would (RGAA 12).
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page, on purpose.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [page]);

  return (
    <ApiProvider value={session.api}>
      <SkipLinks />
      <Header user={user} page={page} onLogout={() => void session.logout()} />
      <main id="contenu" ref={main} tabIndex={-1}>
        <div className="fr-container">
          {state.status === 'loading' && <p role="status">Chargement…</p>}
          {state.status === 'unavailable' && (
            <Alert severity="error" title="Service indisponible" live="alert">
              <p>{state.error.userMessage}</p>
              <button type="button" className="fr-btn" onClick={session.retry}>
                Réessayer
              </button>
            </Alert>
          )}
          {state.status === 'anonymous' && (
            <LoginPage expired={state.expired} onSignedIn={session.signedIn} />
          )}
          {owner?.role === 'counsellor' && (
            <Workspace key={owner.user} hidden={user === undefined || page !== 'home'} />
          )}
          {user?.role === 'admin' && page !== 'help' && <AdminArea page={page} />}
          {user && page === 'help' && <HelpPage />}
        </div>
      </main>
      <Footer />
    </ApiProvider>
  );
}

import type { MeResponse } from '@reco/contracts';
import { hrefOf, navigationOf, PAGE_TITLES, type Page } from '../routing/routes';

interface HeaderProps {
  user?: MeResponse;
  page: Page;
  onLogout: () => void;
}

/** The state's header: Marianne block, service name, the role's menu, the user and logout. */
export function Header({ user, page, onLogout }: HeaderProps) {
  return (
    <header className="fr-header">
      <div className="fr-container">
        <div className="fr-header__body">
          <p className="fr-logo">
            République
            <br />
            Française
          </p>
          <div className="fr-header__service">
            <p className="fr-header__service-title">Assistant formation</p>
            <p className="fr-header__service-tagline">France Travail — aide au choix de formations</p>
          </div>
          {user && (
            <div className="fr-header__tools">
              <span>
                <span className="fr-sr-only">Connecté en tant que </span>
                {user.user} ({user.role === 'admin' ? 'administration' : 'conseiller'})
              </span>
              <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={onLogout}>
                Se déconnecter
              </button>
            </div>
          )}
        </div>
      </div>
      {user && (
        <nav className="fr-nav" aria-label="Menu principal">
          <div className="fr-container">
            <ul className="fr-nav__list">
              {navigationOf(user.role).map((item) => (
                <li key={item}>
                  <a
                    className="fr-nav__link"
                    href={hrefOf(item)}
                    aria-current={item === page ? 'page' : undefined}
                  >
                    {PAGE_TITLES[item]}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}

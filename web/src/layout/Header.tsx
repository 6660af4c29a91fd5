import { Header as DsfrHeader } from '@codegouvfr/react-dsfr/Header';
import type { MeResponse } from '@reco/contracts';
import { hrefOf, navigationOf, PAGE_TITLES, type Page } from '../routing/routes';

interface HeaderProps {
  user?: MeResponse;
  page: Page;
  onLogout: () => void;
}

/** The state's header (react-dsfr): Marianne block, service name, the role's menu, the user and logout. */
export function Header({ user, page, onLogout }: HeaderProps) {
  return (
    <DsfrHeader
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      homeLinkProps={{ href: hrefOf('home'), title: 'Accueil – Assistant formation' }}
      serviceTitle="Assistant formation"
      serviceTagline="France Travail — aide au choix de formations"
      disableDisplay
      quickAccessItems={
        user
          ? [
              <span key="user" className="fr-btn fr-btn--tertiary-no-outline">
                <span className="fr-sr-only">Connecté en tant que </span>
                {user.user} ({user.role === 'admin' ? 'administration' : 'conseiller'})
              </span>,
              {
                iconId: 'fr-icon-logout-box-r-line',
                text: 'Se déconnecter',
                buttonProps: { type: 'button', onClick: onLogout },
              },
            ]
          : []
      }
      navigation={
        user
          ? navigationOf(user.role).map((item) => ({
              text: PAGE_TITLES[item],
              linkProps: { href: hrefOf(item) },
              isActive: item === page,
            }))
          : undefined
      }
    />
  );
}

import { Footer as DsfrFooter } from '@codegouvfr/react-dsfr/Footer';
import { hrefOf } from '../routing/routes';

/** The state's footer (react-dsfr), with the reminder that the counsellor decides. */
export function Footer() {
  return (
    <DsfrFooter
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      homeLinkProps={{ href: hrefOf('home'), title: 'Accueil – Assistant formation' }}
      accessibility="non compliant"
      accessibilityLinkProps={{ href: hrefOf('help') }}
      contentDescription={
        <>
          Outil d’aide à la décision : le conseiller ou la conseillère reste seul juge des propositions faites
          au demandeur d’emploi. <a href={hrefOf('help')}>Aide et bonnes pratiques</a>
          <br />
          France Travail — Assistant formation
        </>
      }
    />
  );
}

import { hrefOf } from '../routing/routes';

export function Footer() {
  return (
    <footer className="fr-footer">
      <div className="fr-container">
        <p>
          Outil d’aide à la décision : le conseiller ou la conseillère reste seul juge des propositions faites
          au demandeur d’emploi. <a href={hrefOf('help')}>Aide et bonnes pratiques</a>
        </p>
        <p>France Travail — Assistant formation</p>
      </div>
    </footer>
  );
}

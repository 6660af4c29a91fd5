/** "Aller au contenu" first in the tab order (RGAA 12.7). */
export function SkipLinks() {
  return (
    <nav className="fr-skiplinks" aria-label="Accès rapide">
      <a href="#contenu">Aller au contenu</a>
    </nav>
  );
}

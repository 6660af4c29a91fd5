/** Always visible above the request: what never to write, and what to write instead. */
export function BestPracticeNotice() {
  return (
    <div className="fr-notice fr-notice--warning" id="request-best-practice">
      <p className="fr-notice__title">Bonnes pratiques</p>
      <p>
        Ne saisissez jamais : santé, handicap, situation familiale, situation sociale (RSA, logement…),
        origine, religion, opinions, condamnations, nom, téléphone, adresse… Décrivez le projet professionnel.
      </p>
    </div>
  );
}

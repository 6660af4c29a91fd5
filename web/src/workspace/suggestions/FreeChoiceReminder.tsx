/** Always shown above the suggestions. */
export function FreeChoiceReminder() {
  return (
    <div className="fr-callout">
      <p className="fr-callout__title">Vous décidez</p>
      <p>
        Vous êtes libre de ne retenir aucune suggestion. Retenez ou écartez chacune d’elles, vérifiez les
        informations du catalogue et ajoutez au besoin vos propres offres.
      </p>
    </div>
  );
}

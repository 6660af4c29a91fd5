/** « Aide »: what the assistant does and does not do, in plain French. */
export function HelpPage() {
  return (
    <div className="app-prose">
      <h1>Aide</h1>
      <p>
        L’assistant formation vous aide à trouver, pour un demandeur d’emploi, des formations, des ateliers et
        des événements proches, à venir et adaptés à son projet. <strong>Vous restez seul juge</strong> de ce
        qui lui est proposé.
      </p>

      <h2>Ce que fait l’assistant</h2>
      <ul>
        <li>Il recherche dans le catalogue les offres qui correspondent au profil et à votre demande.</li>
        <li>
          Il en propose jusqu’à dix, chacune avec les informations vérifiées du catalogue et une explication.
        </li>
        <li>
          Il vous laisse affiner la recherche par des précisions (« uniquement à distance », « moins de 3 mois
          »…).
        </li>
        <li>Il prépare, à partir de vos choix, une proposition imprimable à remettre au demandeur.</li>
      </ul>

      <h2>Ce qu’il ne fait pas</h2>
      <ul>
        <li>
          Il ne décide pas : rien n’est présélectionné, chaque suggestion doit être retenue ou écartée par
          vous.
        </li>
        <li>
          Il n’inscrit personne et ne vérifie ni l’éligibilité à un financement ni les places disponibles.
        </li>
        <li>
          Il ne connaît pas le demandeur : il ne reçoit que les quelques données du profil, jamais son
          identité.
        </li>
      </ul>

      <h2>D’où viennent les suggestions</h2>
      <p>
        Toutes les offres proviennent du catalogue harmonisé, alimenté par les Carif-Oref (format LHEO), par
        Mon Compte Formation et par des partenaires (ateliers, salons, événements locaux). Chaque suggestion
        indique sa source et son identifiant chez le producteur : vous pouvez la retrouver à l’origine. L’IA
        choisit et explique parmi ces offres uniquement ; elle n’en crée pas.
      </p>
      <p>
        Quand l’IA est indisponible, l’assistant passe en <strong>mode dégradé</strong> : les suggestions
        viennent directement de la recherche et les explications sont générées par des règles. Un bandeau vous
        le signale.
      </p>

      <h2>Ce que l’IA peut se tromper</h2>
      <ul>
        <li>
          <strong>Contenu inventé</strong> : une explication peut affirmer quelque chose qui n’est pas dans
          l’offre (un débouché, un prérequis, un financement).
        </li>
        <li>
          <strong>Sessions dépassées ou modifiées</strong> : les dates du catalogue peuvent avoir changé
          depuis sa dernière mise à jour.
        </li>
        <li>
          <strong>Localisation approximative</strong> : certaines offres ne sont localisées qu’au niveau du
          département ; la distance est alors calculée jusqu’à son centre.
        </li>
      </ul>
      <p>
        Vérifiez toujours le bloc <strong>« Informations vérifiées »</strong> et la source avant de retenir
        une offre. Le texte marqué « Rédigé par l’IA » peut contenir des erreurs : modifiez-le si besoin, et
        utilisez « Signaler une erreur » pour prévenir les administrateurs.
      </p>

      <h2>Ce qu’il ne faut jamais écrire dans une demande</h2>
      <p>
        Ne saisissez jamais : santé, handicap, grossesse, situation familiale, situation sociale (RSA,
        logement, dettes…), origine ou nationalité, religion, opinions politiques, appartenance syndicale, vie
        sexuelle, condamnations, ni aucune donnée identifiante (nom, téléphone, adresse, e-mail, numéro de
        sécurité sociale).
      </p>
      <p>
        Pourquoi : le RGPD (article 9) interdit de traiter ces données sensibles sans nécessité, et la CNIL
        recommande de ne jamais les saisir dans un outil d’IA. Elles ne servent pas à trouver une formation.
        Décrivez plutôt le projet professionnel et la contrainte utile : « formation à distance », « horaires
        compatibles avec 9 h – 16 h », « sans port de charges lourdes ».
      </p>
      <p>
        L’assistant vous alerte pendant la saisie. Une demande contenant des données sensibles est refusée ;
        les données identifiantes sont masquées avant tout envoi et ne sont pas conservées. Les demandes
        expurgées sont conservées pour une durée limitée, à des fins de contrôle.
      </p>

      <h2>Le droit de ne suivre aucune suggestion</h2>
      <p>
        Vous êtes libre de ne retenir aucune suggestion et d’ajouter vos propres offres depuis le catalogue.
        Le demandeur reste libre de ses choix. Vos décisions (retenues, écartées et leurs motifs) servent à
        vérifier que l’outil reste une aide et non une décision automatique.
      </p>

      <h2>Qui contacter</h2>
      <ul>
        <li>
          Question sur les données personnelles : le délégué à la protection des données (DPO) de votre
          direction régionale — <em>[adresse à compléter]</em>.
        </li>
        <li>
          Question sur l’outil ou une erreur répétée : votre référent numérique d’agence —{' '}
          <em>[contact à compléter]</em>.
        </li>
      </ul>
    </div>
  );
}

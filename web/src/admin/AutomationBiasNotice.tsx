import type { OversightResponse } from '@reco/contracts';
import { formatPercent } from '../i18n/format';
import { Alert } from '../ui/Alert';

/** The automation-bias warning when the figures raise it, and what it means in any case. */
export function AutomationBiasNotice({ oversight }: { oversight: OversightResponse }) {
  const { threshold, minDecisions } = oversight.automationBias;
  return (
    <>
      {oversight.automationBiasWarning && (
        <Alert severity="warning" title="Risque de biais d’automatisation" live="status">
          <p>
            Dans {formatPercent(oversight.firstSuggestionShare)} des décisions, la proposition se limite à la
            première suggestion (seuil d’alerte : {formatPercent(threshold)}). Les conseillers suivent
            peut-être l’outil sans examiner les autres offres : rappelez-leur qu’ils décident, vérifiez la
            qualité des suggestions et le temps passé par décision.
          </p>
        </Alert>
      )}
      <div className="fr-callout">
        <p className="fr-callout__title">À propos du biais d’automatisation</p>
        <p>
          Un outil d’aide à la décision ne doit pas décider à la place des conseillers. Une part élevée de
          propositions limitées à la première suggestion, peu d’offres ajoutées par les conseillers ou des
          décisions très rapides peuvent indiquer une confiance excessive. L’alerte se déclenche au-delà de{' '}
          {formatPercent(threshold)} sur au moins {minDecisions} décisions.
        </p>
      </div>
    </>
  );
}

import type { GuardrailCategory, GuardrailDecision, GuardrailFinding } from '@reco/contracts';
import { alertsByCategory } from './highlight';

interface GuardrailAlertsProps {
  text: string;
  decision: GuardrailDecision;
  findings: readonly GuardrailFinding[];
  categories?: readonly GuardrailCategory[];
}

/**
 * What the live check found, by category, with how to rephrase. Sensitive data blocks the request;
 * identifiers only warn: they are masked before anything is sent or kept.
 */
export function GuardrailAlerts({ text, decision, findings, categories }: GuardrailAlertsProps) {
  if (decision === 'allow') return null;
  const alerts = alertsByCategory(text, findings, categories);
  const blocking = decision === 'block';
  return (
    <div className={`fr-alert ${blocking ? 'fr-alert--error' : 'fr-alert--warning'}`}>
      <p className="fr-alert__title">
        {blocking
          ? 'Cette demande contient des données sensibles : elle sera refusée en l’état'
          : 'Données identifiantes : elles seront masquées'}
      </p>
      <ul className="app-alert-list">
        {alerts.map((alert) => (
          <li key={alert.category}>
            <strong>{alert.label}</strong>
            {alert.words.length > 0 && <> : « {alert.words.join(' », « ')} »</>}
            {alert.masked && ' — sera masqué avant l’envoi et ne sera pas conservé'}
            <br />
            <span>{alert.suggestion}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

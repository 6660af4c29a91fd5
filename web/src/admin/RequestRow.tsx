import type { AuditRequest } from '@reco/contracts';
import { formatDateTime, formatElapsed } from '../i18n/format';
import { CATEGORY_LABELS, ERROR_REPORT_KIND_LABELS, SET_ASIDE_REASON_LABELS } from '../i18n/labels';

/** One retained request: the redacted text, the guardrail's result, the suggestions and the decision. */
export function RequestRow({ request }: { request: AuditRequest }) {
  const decision = request.decision;
  const retained = decision?.items.filter((item) => item.action === 'retained').length ?? 0;
  const setAside = decision?.items.filter((item) => item.action === 'set_aside').length ?? 0;
  const titleOf = (offerId: string) =>
    request.suggestions.find((s) => s.offerId === offerId)?.title ?? offerId;
  return (
    <tr>
      <td>
        {formatDateTime(request.createdAt)}
        {request.turn > 1 && <div className="app-muted">Précision n° {request.turn - 1}</div>}
      </td>
      <td>
        {request.counsellor}
        {request.team && <div className="app-muted">{request.team}</div>}
      </td>
      <td style={{ whiteSpace: 'pre-wrap', maxWidth: '28rem' }}>{request.redactedPrompt}</td>
      <td>
        {request.guardrail.categories.length === 0
          ? 'Aucune'
          : request.guardrail.categories.map((category) => CATEGORY_LABELS[category]).join(', ')}
      </td>
      <td>{request.mode === 'llm' ? `IA (${request.model ?? 'modèle inconnu'})` : 'Dégradé (règles)'}</td>
      <td>
        {decision ? (
          <details>
            <summary>
              {retained} retenue{retained > 1 ? 's' : ''}, {setAside} écartée{setAside > 1 ? 's' : ''}
              {decision.added.length > 0 &&
                `, ${decision.added.length} ajoutée${decision.added.length > 1 ? 's' : ''}`}
            </summary>
            <ul>
              {decision.items.map((item) => (
                <li key={item.offerId}>
                  {titleOf(item.offerId)} :{' '}
                  {item.action === 'retained'
                    ? `retenue${item.editedText ? ' (texte modifié)' : ''}`
                    : `écartée — ${item.reason ? SET_ASIDE_REASON_LABELS[item.reason] : ''}${item.comment ? ` (${item.comment})` : ''}`}
                </li>
              ))}
              {decision.added.map((added) => (
                <li key={added.offerId}>Ajout du conseiller : {added.offerId}</li>
              ))}
            </ul>
            <p className="app-muted">Délai de décision : {formatElapsed(decision.msToDecide)}</p>
          </details>
        ) : (
          <span className="app-muted">Pas de décision</span>
        )}
      </td>
      <td>
        {request.errorReports.length === 0 ? (
          '—'
        ) : (
          <ul>
            {request.errorReports.map((report) => (
              <li key={report.reportId}>
                {ERROR_REPORT_KIND_LABELS[report.kind]} — {titleOf(report.offerId)}
                {report.comment && ` : ${report.comment}`}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

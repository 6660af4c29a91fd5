import type { RefObject } from 'react';
import type { SensitiveDataRefusal } from '../../api/api-error';
import { GuardrailAlerts } from './GuardrailAlerts';
import { GuardrailMirror } from './GuardrailMirror';
import { useGuardrailCheck } from './use-guardrail-check';

interface RequestFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  /** The server's refusal of this very text, when it was sent and refused. */
  refusal?: SensitiveDataRefusal;
  rows?: number;
  describedBy?: string;
}

export const MAX_REQUEST_LENGTH = 2000;

/**
 * The counsellor's free text, checked while typing: alerts by category in a live region, and a mirror
 * under the field with the risky words marked.
 */
export function RequestField(props: RequestFieldProps) {
  const { id, value, refusal } = props;
  const live = useGuardrailCheck(value);
  // What to show: the live check of this very text; else the server's refusal of it; else the last
  // live check of an earlier version (its alerts still apply, its spans no longer do).
  const shown =
    live.check?.text === value
      ? { text: value, summary: live.check.summary }
      : refusal
        ? { text: value, summary: { decision: 'block' as const, ...refusal } }
        : live.check;
  const mirrorId = `${id}-mirror`;
  const alertsId = `${id}-alerts`;

  return (
    <div className="fr-input-group">
      <label className="fr-label" htmlFor={id}>
        {props.label}
        {props.hint && (
          <span id={`${id}-hint`} className="fr-hint-text">
            {props.hint}
          </span>
        )}
      </label>
      <textarea
        id={id}
        ref={props.textareaRef}
        className="fr-input"
        rows={props.rows ?? 4}
        maxLength={MAX_REQUEST_LENGTH}
        value={value}
        spellCheck
        aria-describedby={[props.hint && `${id}-hint`, alertsId, props.describedBy].filter(Boolean).join(' ')}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <p className="app-counter" aria-hidden="true">
        {value.length} / {MAX_REQUEST_LENGTH}
      </p>
      <div id={alertsId} role="status" aria-live="polite">
        {shown && shown.summary.decision !== 'allow' && (
          <GuardrailAlerts
            text={shown.text}
            decision={shown.summary.decision}
            findings={shown.summary.findings}
            categories={shown.summary.categories}
          />
        )}
        {live.unavailable && (
          <p className="app-muted">
            Vérification en direct indisponible : la demande sera tout de même contrôlée à l’envoi.
          </p>
        )}
      </div>
      {shown && shown.summary.decision !== 'allow' && shown.text === value && (
        <GuardrailMirror id={mirrorId} text={value} findings={shown.summary.findings} />
      )}
    </div>
  );
}

import type { GuardrailFinding } from '@reco/contracts';
import { CATEGORY_LABELS } from '../../i18n/labels';
import { highlightSegments } from './highlight';

interface GuardrailMirrorProps {
  id: string;
  text: string;
  findings: readonly GuardrailFinding[];
}

/** The request again, under the field, with the risky words marked and their category named. */
export function GuardrailMirror({ id, text, findings }: GuardrailMirrorProps) {
  if (findings.length === 0 || text === '') return null;
  return (
    <div id={id} className="app-mirror">
      <p className="fr-sr-only">Passages signalés dans la demande :</p>
      {highlightSegments(text, findings).map((segment) =>
        segment.finding ? (
          <mark key={segment.start} data-category={segment.finding.category}>
            {segment.text}
            <span className="app-mirror__category">({CATEGORY_LABELS[segment.finding.category]})</span>
          </mark>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
    </div>
  );
}

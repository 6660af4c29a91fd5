import type { RecommendationProgress } from '@reco/contracts';
import { PROGRESS_STAGES, STAGE_LABELS } from '../../i18n/labels';

interface ProgressStepsProps {
  stage?: RecommendationProgress['stage'];
  onCancel: () => void;
}

/** The streamed stages as a DSFR stepper, announced politely as they change. */
export function ProgressSteps({ stage, onCancel }: ProgressStepsProps) {
  const index =
    stage === undefined ? 0 : stage === 'done' ? PROGRESS_STAGES.length - 1 : PROGRESS_STAGES.indexOf(stage);
  const current = PROGRESS_STAGES[index] ?? 'guardrail';
  return (
    <section className="fr-stepper" aria-labelledby="progress-title">
      <h3 id="progress-title" className="fr-stepper__title" aria-live="polite" aria-atomic="true">
        {STAGE_LABELS[current]}…
        <span className="fr-stepper__state">
          Étape {index + 1} sur {PROGRESS_STAGES.length}
        </span>
      </h3>
      <ol className="fr-stepper__steps" aria-hidden="true">
        {PROGRESS_STAGES.map((step, position) => (
          <li key={step} data-state={position < index ? 'done' : position === index ? 'current' : 'todo'} />
        ))}
      </ol>
      <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={onCancel}>
        Annuler la demande
      </button>
    </section>
  );
}

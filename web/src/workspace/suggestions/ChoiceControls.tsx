import type { SetAsideReason } from '@reco/contracts';
import { useRef, useState } from 'react';
import { SET_ASIDE_REASON_LABELS } from '../../i18n/labels';
import type { Choice } from './decision-state';
import { SetAsideForm } from './SetAsideForm';

interface ChoiceControlsProps {
  title: string;
  choice?: Choice;
  locked: boolean;
  onRetain: () => void;
  onSetAside: (reason: SetAsideReason, comment?: string) => void;
  onUndo: () => void;
}

/** « Retenir » / « Écarter » — nothing is chosen until the counsellor clicks. */
export function ChoiceControls({ title, choice, locked, onRetain, onSetAside, onUndo }: ChoiceControlsProps) {
  const [asking, setAsking] = useState(false);
  const setAsideButton = useRef<HTMLButtonElement>(null);
  const named = <span className="fr-sr-only"> « {title} »</span>;

  if (choice) {
    return (
      <div>
        <p className="app-choice-status" role="status">
          {choice.action === 'retained'
            ? '✓ Retenue pour la proposition'
            : `Écartée — ${SET_ASIDE_REASON_LABELS[choice.reason]}${choice.comment ? ` : ${choice.comment}` : ''}`}
        </p>
        {!locked && (
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={onUndo}>
            Modifier ce choix{named}
          </button>
        )}
      </div>
    );
  }
  if (asking) {
    return (
      <SetAsideForm
        title={title}
        onConfirm={(reason, comment) => {
          setAsking(false);
          onSetAside(reason, comment);
        }}
        onCancel={() => {
          setAsking(false);
          requestAnimationFrame(() => setAsideButton.current?.focus());
        }}
      />
    );
  }
  return (
    <div className="fr-btns-group">
      <button type="button" className="fr-btn fr-btn--sm" onClick={onRetain} disabled={locked}>
        Retenir{named}
      </button>
      <button
        ref={setAsideButton}
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm"
        onClick={() => setAsking(true)}
        disabled={locked}
      >
        Écarter{named}
      </button>
    </div>
  );
}

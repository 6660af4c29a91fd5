import type { Explanation } from '@reco/contracts';
import { useId, useRef, useState } from 'react';
import { Badge } from '../../ui/Badge';

interface ExplanationBlockProps {
  explanation: Explanation;
  editedText?: string;
  title: string;
  locked: boolean;
  onEdit: (text: string) => void;
  onRestore: () => void;
}

const MAX_TEXT = 2000;

/**
 * Why the offer was suggested, labelled by who wrote it. The counsellor may rewrite it before it goes
 * to the jobseeker; the original stays one click away.
 */
export function ExplanationBlock({
  explanation,
  editedText,
  title,
  locked,
  onEdit,
  onRestore,
}: ExplanationBlockProps) {
  const fieldId = useId();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const editButton = useRef<HTMLButtonElement>(null);
  const edited = editedText !== undefined && editedText.trim() !== explanation.text.trim();
  const text = editedText ?? explanation.text;

  function close() {
    setDraft(undefined);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <div className="app-explanation" data-by={explanation.generatedBy}>
      <h4>Pourquoi cette suggestion</h4>
      <p>
        {explanation.generatedBy === 'llm' ? (
          <Badge severity="warning" small>
            Rédigé par l’IA — peut contenir des erreurs
          </Badge>
        ) : (
          <Badge severity="info" small>
            Rédigé à partir de règles
          </Badge>
        )}{' '}
        {edited && (
          <Badge severity="success" small>
            Modifié par vous
          </Badge>
        )}
      </p>
      {draft === undefined ? (
        <>
          <p className="app-explanation__text">{text}</p>
          {!locked && (
            <div className="fr-btns-group">
              <button
                ref={editButton}
                type="button"
                className="fr-btn fr-btn--tertiary fr-btn--sm"
                onClick={() => setDraft(text)}
              >
                Modifier le texte<span className="fr-sr-only"> de « {title} »</span>
              </button>
              {edited && (
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                  onClick={onRestore}
                >
                  Revenir au texte d’origine
                </button>
              )}
            </div>
          )}
        </>
      ) : (
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={fieldId}>
            Texte remis au demandeur
            <span className="fr-hint-text">
              Vérifiez-le avec les informations du catalogue. Pas de donnée personnelle.
            </span>
          </label>
          <textarea
            id={fieldId}
            className="fr-input"
            rows={5}
            maxLength={MAX_TEXT}
            value={draft}
            // biome-ignore lint/a11y/noAutofocus: the field was just opened by the counsellor's click.
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="fr-btns-group" style={{ marginTop: '0.5rem' }}>
            <button
              type="button"
              className="fr-btn fr-btn--sm"
              disabled={!draft.trim()}
              onClick={() => {
                onEdit(draft);
                close();
              }}
            >
              Valider le texte
            </button>
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={close}>
              Annuler
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

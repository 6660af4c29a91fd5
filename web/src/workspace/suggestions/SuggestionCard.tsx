import type { Suggestion } from '@reco/contracts';
import type { Dispatch } from 'react';
import { KIND_LABELS } from '../../i18n/labels';
import { Badge } from '../../ui/Badge';
import { ChoiceControls } from './ChoiceControls';
import type { Choice, DecisionAction } from './decision-state';
import { ErrorReportForm } from './ErrorReportForm';
import { ExplanationBlock } from './ExplanationBlock';
import { FactsBlock } from './FactsBlock';
import { SourcesLine } from './SourcesLine';

interface SuggestionCardProps {
  suggestion: Suggestion;
  requestId: string;
  choice?: Choice;
  editedText?: string;
  locked: boolean;
  dispatch: Dispatch<DecisionAction>;
}

/** One suggestion: facts apart from the explanation, sources, and the counsellor's choice. */
export function SuggestionCard({
  suggestion,
  requestId,
  choice,
  editedText,
  locked,
  dispatch,
}: SuggestionCardProps) {
  const { offerId, title } = suggestion;
  const titleId = `suggestion-${offerId}-title`.replace(/[^\w-]/g, '_');
  return (
    <article className="fr-card app-card" data-choice={choice?.action ?? 'none'} aria-labelledby={titleId}>
      <div className="app-card__head">
        <Badge severity="new" small>
          {KIND_LABELS[suggestion.kind]}
        </Badge>
        {suggestion.facts.cpf && (
          <Badge severity="info" small>
            CPF
          </Badge>
        )}
        {choice?.action === 'retained' && (
          <Badge severity="success" small>
            Retenue
          </Badge>
        )}
        {choice?.action === 'set_aside' && <Badge small>Écartée</Badge>}
      </div>
      <h3 id={titleId} className="app-card__title">
        {title}
      </h3>
      <p className="app-card__provider">{suggestion.provider.name}</p>
      <div className="app-card__body">
        <FactsBlock facts={suggestion.facts} location={suggestion.location} sessions={suggestion.sessions} />
        <ExplanationBlock
          explanation={suggestion.explanation}
          {...(editedText !== undefined && { editedText })}
          title={title}
          locked={locked}
          onEdit={(text) => dispatch({ type: 'text_edited', offerId, text })}
          onRestore={() => dispatch({ type: 'text_restored', offerId })}
        />
      </div>
      <SourcesLine sources={suggestion.sources} />
      <ChoiceControls
        title={title}
        {...(choice && { choice })}
        locked={locked}
        onRetain={() => dispatch({ type: 'retained', offerId })}
        onSetAside={(reason, comment) =>
          dispatch({ type: 'set_aside', offerId, reason, ...(comment && { comment }) })
        }
        onUndo={() => dispatch({ type: 'undone', offerId })}
      />
      <div style={{ marginTop: '0.75rem' }}>
        <ErrorReportForm requestId={requestId} offerId={offerId} title={title} />
      </div>
    </article>
  );
}

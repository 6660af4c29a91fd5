import type { Suggestion } from '@reco/contracts';
import type { Dispatch } from 'react';
import { Alert } from '../../ui/Alert';
import { type DecisionAction, type DecisionState, isLocked } from './decision-state';
import { SuggestionCard } from './SuggestionCard';

interface SuggestionListProps {
  suggestions: readonly Suggestion[];
  requestId: string;
  decisions: DecisionState;
  dispatch: Dispatch<DecisionAction>;
}

export function SuggestionList({ suggestions, requestId, decisions, dispatch }: SuggestionListProps) {
  const locked = isLocked(decisions.save);
  if (suggestions.length === 0) {
    return (
      <Alert severity="info" title="Aucune suggestion">
        <p>
          Le catalogue ne contient pas d’offre correspondant à ce profil et à cette demande. Élargissez la
          mobilité ou la demande, ou cherchez vous-même dans le catalogue ci-dessous.
        </p>
      </Alert>
    );
  }
  return (
    <ul className="app-cards" aria-label="Suggestions">
      {suggestions.map((suggestion) => {
        const choice = decisions.choices[suggestion.offerId];
        const editedText = decisions.editedTexts[suggestion.offerId];
        return (
          <li key={suggestion.offerId}>
            <SuggestionCard
              suggestion={suggestion}
              requestId={requestId}
              {...(choice && { choice })}
              {...(editedText !== undefined && { editedText })}
              locked={locked}
              dispatch={dispatch}
            />
          </li>
        );
      })}
    </ul>
  );
}

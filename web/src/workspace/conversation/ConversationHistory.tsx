import { plural } from '../../i18n/format';
import { changesOf, type Turn } from './conversation-state';

/** Each turn's request and, for follow-ups, what it changed in the suggestions. */
export function ConversationHistory({ turns }: { turns: readonly Turn[] }) {
  return (
    <ol className="app-turns" aria-label="Échanges de la conversation">
      {turns.map((turn, index) => {
        const changes = changesOf(turns, index);
        return (
          <li key={turn.response.requestId}>
            <strong>{index === 0 ? 'Demande' : `Précision ${index}`} :</strong> <q>{turn.prompt}</q>
            <span className="app-muted"> — {plural(turn.response.suggestions.length, 'suggestion')}</span>
            {changes && (
              <ul className="app-changes">
                {changes.added.length === 0 && changes.removed.length === 0 && (
                  <li>Aucune offre ajoutée ni retirée.</li>
                )}
                {changes.added.length > 0 && (
                  <li>
                    <strong>Ajoutées :</strong> {changes.added.map((s) => s.title).join(' ; ')}
                  </li>
                )}
                {changes.removed.length > 0 && (
                  <li>
                    <strong>Retirées :</strong> {changes.removed.map((s) => s.title).join(' ; ')}
                  </li>
                )}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

import { Alert } from '../../ui/Alert';

/** Shown on every answer produced without the LLM. */
export function DegradedBanner() {
  return (
    <Alert severity="warning" title="Mode dégradé">
      <p>
        L’assistant IA est indisponible : suggestions issues de la recherche, explications générées par des
        règles.
      </p>
    </Alert>
  );
}

import { REQUEST_TEMPLATES } from './templates';

/** Standard requests, one click each: the placeholder « … » is then selected, ready to type over. */
export function RequestTemplates({ onInsert }: { onInsert: (template: string) => void }) {
  return (
    <fieldset className="app-templates">
      <legend className="fr-sr-only">Modèles de demande</legend>
      {REQUEST_TEMPLATES.map((template) => (
        <button
          key={template.label}
          type="button"
          className="fr-btn fr-btn--tertiary fr-btn--sm"
          title={template.text}
          onClick={() => onInsert(template.text)}
        >
          {template.label}
          <span className="fr-sr-only"> : insérer « {template.text} »</span>
        </button>
      ))}
    </fieldset>
  );
}

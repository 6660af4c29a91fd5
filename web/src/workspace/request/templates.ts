/** The placeholder a template leaves for the counsellor to fill. */
export const PLACEHOLDER = '…';

/** Standard requests: they describe a professional project and nothing about the person. */
export const REQUEST_TEMPLATES: readonly { label: string; text: string }[] = [
  {
    label: 'Reconversion',
    text: `Reconversion vers le métier de ${PLACEHOLDER} ; formation courte si possible`,
  },
  { label: 'Formation courte', text: `Formation courte pour ${PLACEHOLDER}` },
  { label: 'Remise à niveau', text: `Remise à niveau en ${PLACEHOLDER}` },
  { label: 'Découvrir des métiers', text: `Découvrir les métiers de ${PLACEHOLDER}` },
];

/** Refinements for a follow-up turn, one click each. */
export const FOLLOW_UP_CHIPS: readonly string[] = [
  'plus près de chez lui',
  'uniquement à distance',
  'moins de 3 mois',
  'plutôt vers la logistique',
];

export interface TextEdit {
  text: string;
  /** Where the cursor or selection goes, to type over the placeholder at once. */
  selectionStart: number;
  selectionEnd: number;
}

/** The template in place of an empty request, or on a new line after the text already typed. */
export function insertTemplate(current: string, template: string): TextEdit {
  const before = current.trimEnd();
  const text = before ? `${before}\n${template}` : template;
  const offset = text.length - template.length;
  const placeholder = template.indexOf(PLACEHOLDER);
  return placeholder === -1
    ? { text, selectionStart: text.length, selectionEnd: text.length }
    : {
        text,
        selectionStart: offset + placeholder,
        selectionEnd: offset + placeholder + PLACEHOLDER.length,
      };
}

/** A refinement appended to what is typed: "uniquement à distance, moins de 3 mois". */
export function appendPhrase(current: string, phrase: string): TextEdit {
  const before = current.trim().replace(/[,;]$/, '');
  const text = before ? `${before}, ${phrase}` : phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return { text, selectionStart: text.length, selectionEnd: text.length };
}

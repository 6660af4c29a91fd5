/** Small rules of French typography and grammar the generated texts need. */

export function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first letter, except in acronyms (CAP, BTS, CQP) which keep their capitals. */
export function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * "de" before a name or noun: elided before a vowel or a mute h ("site d'Évry", "métier d'agent"),
 * contracted with a leading article ("du Havre", "des Abymes").
 */
export function ofName(name: string): string {
  if (/^le /i.test(name)) return `du ${name.slice(3)}`;
  if (/^les /i.test(name)) return `des ${name.slice(4)}`;
  return /^[aeiouyhàâéèêîôûÉÈÊÎÔÛ]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/**
 * The first JSON object in a model's answer. Ollama's `format` grammar normally yields bare JSON,
 * but a model served without it (or an older Ollama) wraps it in prose or code fences.
 */
export function parseFirstJsonObject(text: string): unknown {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = closingBraceOf(text, start);
    if (end === -1) continue;
    try {
      return JSON.parse(text.slice(start, end + 1));
    } catch {
      // Balanced braces but not JSON (prose such as "{voir ci-dessous}"): try the next opening brace.
    }
  }
  return undefined;
}

/** Braces inside JSON strings do not count; -1 when the object never closes. */
function closingBraceOf(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  return -1;
}

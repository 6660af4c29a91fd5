/**
 * Docker Compose's variable interpolation, as far as docker-compose.yml uses it: `$$`, `$VAR`,
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`.
 * With `:` an empty value counts as unset, as in Compose.
 */
export function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (match, bare: string | undefined, name: string | undefined, colon = '', operator = '', operand = '') => {
      if (match === '$$') return '$';
      const variable = (bare ?? name) as string;
      const value = env[variable];
      const missing = value === undefined || (colon === ':' && value === '');
      if (!missing) return value;
      if (operator === '?') throw new Error(`required variable ${variable} is missing a value: ${operand}`);
      return operator === '-' ? operand : '';
    },
  );
}

/** Every string of a parsed Compose file interpolated, as `docker compose config` would. */
export function interpolateAll<T>(value: T, env: Record<string, string>): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env)]),
    ) as T;
  return value;
}

/** The variables a Compose text refers to (not `$$` escapes, which reach the container's shell). */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, bare, braced] of text.replaceAll('$$', '').matchAll(/\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*))/g))
    names.add((bare ?? braced) as string);
  return names;
}

/** `KEY=value` lines of a dotenv file; comments and blank lines skipped. */
export function parseDotenv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (assignment) env[assignment[1] as string] = assignment[2] as string;
  }
  return env;
}

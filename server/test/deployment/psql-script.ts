/**
 * A shell script that feeds psql a quoted heredoc (`psql … -v name="${VAR…}" <<'SQL'` … `SQL`), read
 * as Docker's postgres image would run it. No psql runs here: what psql would send is rebuilt from
 * the text, for the statements to run on the test database.
 */
export interface PsqlScript {
  /** psql's options before the heredoc, continuation lines joined. */
  command: string;
  /** Each `-v name=…` given from the environment: the psql variable and the shell expansion. */
  variables: Record<string, string>;
  /** The heredoc, meta-commands included. */
  sql: string;
}

export function parsePsqlScript(text: string): PsqlScript {
  const joined = text.replace(/\\\n/g, ' ');
  const heredoc = /^(psql .*)<<'([A-Z]+)'\n([\s\S]*?)\n\2$/m.exec(joined);
  if (!heredoc) throw new Error("no psql command with a quoted heredoc (<<'SQL')");
  const command = heredoc[1] as string;
  const variables = Object.fromEntries(
    [...command.matchAll(/-v (\w+)="(\$\{[^}]*\})"/g)].map(([, name, expansion]) => [name, expansion]),
  );
  return { command, variables: variables as Record<string, string>, sql: heredoc[3] as string };
}

/**
 * The statements psql sends on a database where every `\if` holds (a fresh one): the `\gset`
 * queries that decide them and the meta-commands left out, `:'name'` and `:"name"` replaced by the
 * literal and the identifier psql would quote.
 */
export function statementsOnFreshDatabase(sql: string, values: Record<string, string>): string[] {
  const value = (name: string) => {
    const found = values[name];
    if (found === undefined) throw new Error(`no value for the psql variable ${name}`);
    return found;
  };
  return sql
    .split('\n')
    .filter((line) => !line.startsWith('\\') && !line.endsWith('\\gset') && !line.startsWith('--'))
    .join('\n')
    .replace(/:'(\w+)'/g, (_match, name: string) => `'${value(name).replaceAll("'", "''")}'`)
    .replace(/:"(\w+)"/g, (_match, name: string) => `"${value(name).replaceAll('"', '""')}"`)
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

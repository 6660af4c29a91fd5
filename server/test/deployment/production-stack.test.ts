import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';
import { interpolateAll, parseDotenv, referencedVariables } from './compose-interpolation';
import {
  CONFIG_MODULES,
  modulesReadingTheEnvironment,
  ROOT,
  variablesReadBy,
  variablesTheCodeReads,
} from './configuration-variables';
import { commandOf, parseDockerfile } from './dockerfile';
import { parsePsqlScript, statementsOnFreshDatabase } from './psql-script';

// Docker does not run here: these checks read the files as Docker would and hold them to the code.

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  restart?: string;
  environment?: Record<string, string | number | boolean>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  entrypoint?: string[];
  command?: string[];
  stop_grace_period?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const COMPOSE_TEXT = read('docker-compose.yml');
const ENV_EXAMPLE = read('.env.example');
const README = read('README.md');
const DOCKERFILE = parseDockerfile(read('Dockerfile'));
const INIT_DIR = 'deploy/postgres/initdb';
const API_ROLE_SCRIPT = `${INIT_DIR}/10-api-role.sh`;
/** The application's role, as migration 0006 creates it when missing. */
const APP_ROLE = 'reco_app';

/** Secrets: compose must refuse to start without them rather than fall back to a default. */
const SECRETS = ['POSTGRES_PASSWORD', 'POSTGRES_API_PASSWORD'];
/** What the code reads but this stack must not set: the embedded database and the demo mode. */
const LOCAL_ONLY = ['PGLITE_DIR', 'DEMO', 'DEMO_PASSWORD', 'DEMO_CATALOGUE_DIR'];
/** Where production departs from the code's defaults, which suit a laptop (docker-compose.yml says why). */
const PRODUCTION_OVERRIDES = ['DATABASE_URL', 'HOST', 'OLLAMA_BASE_URL', 'EMBEDDER', 'COOKIE_SECURE'];

/** The stack as `docker compose config` resolves it with the operator's .env. */
function composeWith(dotenv: Record<string, string>): ComposeFile {
  return interpolateAll(parse(COMPOSE_TEXT) as ComposeFile, dotenv);
}
const dotenv: Record<string, string> = {
  ...parseDotenv(ENV_EXAMPLE),
  POSTGRES_PASSWORD: 'a-test-password',
  POSTGRES_API_PASSWORD: 'an-api-password',
};
const stack = composeWith(dotenv);
const service = (name: string): Service => {
  const found = stack.services[name];
  if (!found) throw new Error(`docker-compose.yml has no ${name} service`);
  return found;
};
const environmentOf = (name: string) =>
  Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, String(value)]),
  );
const apiEnvironment = () => environmentOf('api');
/** Who a service logs in to PostgreSQL as, and where. */
const databaseLogin = (name: string) => {
  const url = new URL(environmentOf(name).DATABASE_URL ?? '');
  return { user: url.username, password: url.password, host: url.host, database: url.pathname };
};
const mountSource = (mount: string) => mount.split(':')[0] as string;
/** A bind mount's source is a path; a named volume's is a name. */
const isPath = (source: string) => /^[./~]/.test(source);
const durationSeconds = (duration: string) =>
  [...duration.matchAll(/(\d+)(h|m|s)/g)].reduce(
    (total, [, amount, unit]) => total + Number(amount) * { h: 3600, m: 60, s: 1 }[unit as 'h' | 'm' | 's'],
    0,
  );

describe('docker-compose.yml', () => {
  it('refuses to start without the secrets, which come from .env only', () => {
    for (const secret of SECRETS) {
      expect(parseDotenv(ENV_EXAMPLE)[secret], `${secret} left empty in .env.example`).toBe('');
      expect(() => composeWith({ ...dotenv, [secret]: '' })).toThrow(new RegExp(secret));
      const references = [...COMPOSE_TEXT.matchAll(new RegExp(`\\$\\{${secret}([^}]*)\\}`, 'g'))];
      expect(references.length).toBeGreaterThan(0);
      for (const [, operator] of references) expect(operator).toMatch(/^:\?/);
    }
  });

  it('runs PostgreSQL with pgvector, its data on a named volume, with a healthcheck', () => {
    const postgres = service('postgres');
    expect(postgres.image).toMatch(/^pgvector\/pgvector:/);
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(postgres.healthcheck?.test?.join(' ')).toContain('pg_isready');
    expect(postgres.restart).toBe('unless-stopped');
  });

  it("creates the API's login with the volume: an init script, mounted read-only, run as the owner", () => {
    const postgres = service('postgres');
    expect(postgres.volumes).toContain(`./${INIT_DIR}:/docker-entrypoint-initdb.d:ro`);
    expect(postgres.environment).toMatchObject({
      POSTGRES_API_USER: dotenv.POSTGRES_API_USER,
      POSTGRES_API_PASSWORD: 'an-api-password',
    });
    expect(readdirSync(join(ROOT, INIT_DIR))).toEqual(['10-api-role.sh']);
    // Executable, so that the image runs it rather than sourcing it into its own shell.
    expect(() => accessSync(join(ROOT, API_ROLE_SCRIPT), constants.X_OK)).not.toThrow();
  });

  it('has the init script create reco_app if missing and the login IN ROLE reco_app, quoted by psql', () => {
    const script = parsePsqlScript(read(API_ROLE_SCRIPT));
    expect(script.command).toMatch(
      /^psql -v ON_ERROR_STOP=1 .*--username "\$POSTGRES_USER" --dbname "\$POSTGRES_DB"/,
    );
    // From the variables compose passes the service, required (`:?`) rather than defaulted.
    expect(Object.keys(script.variables)).toEqual(['api_user', 'api_password']);
    expect(script.variables.api_user).toMatch(/^\$\{POSTGRES_API_USER:\?/);
    expect(script.variables.api_password).toMatch(/^\$\{POSTGRES_API_PASSWORD:\?/);
    // Each CREATE only where its \if found the role missing: the script can run again.
    expect(script.sql).toMatch(
      new RegExp(`\\\\if :app_role_missing\\nCREATE ROLE ${APP_ROLE} NOLOGIN;\\n\\\\endif`),
    );
    expect(script.sql).toMatch(
      /\\if :api_login_missing\nCREATE ROLE :"api_user" LOGIN IN ROLE reco_app;\n\\endif/,
    );
    expect(read('db/src/migrations/0006_append_only_audit.sql')).toContain(
      `CREATE ROLE ${APP_ROLE} NOLOGIN;`,
    );
    // Values only through psql's quoting, never pasted into the SQL by the shell.
    expect(script.sql).not.toContain('$');
    expect(statementsOnFreshDatabase(script.sql, { api_user: 'reco_api', api_password: "it's" })).toEqual([
      'CREATE ROLE reco_app NOLOGIN',
      'CREATE ROLE "reco_api" LOGIN IN ROLE reco_app',
      `ALTER ROLE "reco_api" WITH LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS\n  PASSWORD 'it''s'`,
      'GRANT reco_app TO "reco_api"',
    ]);
  });

  it('has the init script refuse, before psql runs, a missing password or the owner as the login', () => {
    const run = (env: Record<string, string>) =>
      spawnSync('/bin/sh', [join(ROOT, API_ROLE_SCRIPT)], {
        env: { PATH: '/nonexistent', ...env },
        encoding: 'utf8',
      });
    const settings = { POSTGRES_USER: 'assistant', POSTGRES_DB: 'assistant', POSTGRES_API_USER: 'reco_api' };
    const withoutPassword = run(settings);
    expect(withoutPassword.status).not.toBe(0);
    expect(withoutPassword.stderr).toContain('set POSTGRES_API_PASSWORD');
    for (const login of ['assistant', APP_ROLE]) {
      const refused = run({ ...settings, POSTGRES_API_USER: login, POSTGRES_API_PASSWORD: 'x' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(
        'POSTGRES_API_USER must be a login of its own, neither POSTGRES_USER nor reco_app\n',
      );
    }
  });

  it('migrates once, as the owner, with the API image, before the API starts', () => {
    const migrate = service('migrate');
    expect(migrate.build).toEqual(service('api').build);
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(migrate.command).toEqual(['node', '--import', 'tsx', 'server/src/cli/migrate.ts']);
    expect(existsSync(join(ROOT, 'server/src/cli/migrate.ts'))).toBe(true);
    expect(migrate.healthcheck).toEqual({ disable: true });
    expect(databaseLogin('migrate')).toEqual({
      user: dotenv.POSTGRES_USER,
      password: 'a-test-password',
      host: 'postgres:5432',
      database: `/${dotenv.POSTGRES_DB}`,
    });
  });

  it('runs the ingestion as the owner too: the migrate service has what it reads, as the API has it', () => {
    const ingestion = [...variablesReadBy(CONFIG_MODULES['ingestion/src/cli/config.ts'])].filter(
      (variable) => !LOCAL_ONLY.includes(variable) && variable !== 'DATABASE_URL',
    );
    expect(ingestion).toContain('EMBEDDER');
    for (const variable of ingestion)
      expect(environmentOf('migrate')[variable], variable).toBe(apiEnvironment()[variable]);
  });

  it('connects the API as its own login, a member of reco_app, not as the owner', () => {
    const api = databaseLogin('api');
    expect(api).toEqual({
      ...databaseLogin('migrate'),
      user: dotenv.POSTGRES_API_USER,
      password: 'an-api-password',
    });
    expect(api.user).not.toBe(dotenv.POSTGRES_USER);
    expect(api.user).not.toBe(APP_ROLE);
  });

  it('runs Ollama with its models on a named volume, healthy once it answers', () => {
    const ollama = service('ollama');
    expect(ollama.image).toMatch(/^ollama\/ollama(:|$)/);
    expect(ollama.volumes).toContain('ollama-models:/root/.ollama');
    expect(ollama.healthcheck?.test).toEqual(['CMD', 'ollama', 'list']);
  });

  it('pulls the chat and embedding models the API uses once, after Ollama is up', () => {
    const puller = service('ollama-pull');
    expect(puller.image).toMatch(/^ollama\/ollama(:|$)/);
    expect(puller.restart).toBe('no');
    expect(puller.depends_on).toEqual({ ollama: { condition: 'service_healthy' } });
    expect(puller.environment).toMatchObject({
      OLLAMA_HOST: 'http://ollama:11434',
      CHAT_MODEL: 'mixtral:8x7b',
      EMBED_MODEL: apiEnvironment().OLLAMA_EMBED_MODEL,
    });
    expect(apiEnvironment().OLLAMA_CHAT_MODEL).toBe('mixtral:8x7b');
    expect(puller.entrypoint?.at(-1)).toBe('ollama pull "$CHAT_MODEL" && ollama pull "$EMBED_MODEL"');
  });

  it('builds the API from the Dockerfile and starts it once the database is migrated and the models pulled', () => {
    const api = service('api');
    expect(api.build).toBe('.');
    expect(api.restart).toBe('unless-stopped');
    expect(api.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
      'ollama-pull': { condition: 'service_completed_successfully' },
    });
  });

  it('publishes and health-checks the port the API listens on, and lets it finish requests on stop', () => {
    const api = service('api');
    const config = loadConfig(apiEnvironment());
    expect(api.ports).toHaveLength(1);
    expect(api.ports?.[0]).toBe(`${dotenv.API_PORT}:${config.port}`);
    expect(api.healthcheck?.test?.join(' ')).toContain(`http://127.0.0.1:${config.port}/api/health`);
    expect(durationSeconds(api.stop_grace_period ?? '0s') * 1000).toBeGreaterThan(config.shutdownGraceMs);
  });

  it('declares every named volume a service mounts, and bind-mounts only files of this repository', () => {
    const mounted = Object.values(stack.services).flatMap((each) => (each.volumes ?? []).map(mountSource));
    const [paths, named] = [mounted.filter(isPath), mounted.filter((source) => !isPath(source))];
    expect(named.length).toBeGreaterThan(0);
    for (const volume of named) expect(Object.keys(stack.volumes)).toContain(volume);
    for (const path of paths) {
      expect(path).toMatch(/^\.\/(?!\.\.)/);
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
  });

  it('configures the API for production: PostgreSQL, Mixtral through Ollama, Secure cookie, no demo', () => {
    const config = loadConfig(apiEnvironment());
    expect(config.database.databaseUrl).toBe(
      `postgres://${dotenv.POSTGRES_API_USER}:an-api-password@postgres:5432/${dotenv.POSTGRES_DB}`,
    );
    expect(config.trustProxy).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.llm).toMatchObject({
      kind: 'ollama',
      model: 'mixtral:8x7b',
      baseUrl: 'http://ollama:11434',
    });
    expect(config.embedder).toMatchObject({ kind: 'ollama', baseUrl: 'http://ollama:11434' });
    expect(config.auth.cookieSecure).toBe(true);
    expect(config.demo.enabled).toBe(false);
    for (const each of Object.values(stack.services))
      for (const variable of Object.keys(each.environment ?? {})) expect(variable).not.toMatch(/^DEMO/);
  });

  it('passes the API every variable the code reads, except those of local runs', () => {
    const expected = [...variablesTheCodeReads()].filter((variable) => !LOCAL_ONLY.includes(variable));
    expect(Object.keys(apiEnvironment()).sort()).toEqual(expected.sort());
  });

  it("falls back on the code's own defaults, except where production departs from them", () => {
    const defaults = loadConfig({});
    const fallbacks = [...COMPOSE_TEXT.matchAll(/^\s+([A-Z_]+): \$\{\1:-([^}]*)\}$/gm)]
      .map(([, variable, fallback]) => [variable as string, fallback as string])
      .filter(([variable]) => !PRODUCTION_OVERRIDES.includes(variable as string));
    expect(fallbacks.map(([variable]) => variable)).toContain('RETENTION_DAYS');
    for (const [variable, fallback] of fallbacks)
      expect(loadConfig({ [variable as string]: fallback }), variable).toEqual(defaults);
  });
});

describe('configuration documentation', () => {
  const documented = variablesTheCodeReads();

  it('reads the environment in the config modules only', () => {
    expect(modulesReadingTheEnvironment()).toEqual(Object.keys(CONFIG_MODULES).sort());
    expect([...documented]).toContain('DATABASE_URL');
    expect([...variablesReadBy(CONFIG_MODULES['server/src/config.ts'])]).toContain('COOKIE_SECURE');
  });

  it('documents in .env.example, under a comment, every variable the code or the compose file uses', () => {
    const lines = ENV_EXAMPLE.split('\n');
    for (const variable of new Set([...documented, ...referencedVariables(COMPOSE_TEXT)])) {
      const at = lines.findIndex((line) => new RegExp(`^(# )?${variable}=`).test(line));
      expect(at, `${variable} in .env.example`).toBeGreaterThan(0);
      const commentAbove = lines
        .slice(0, at)
        .reverse()
        .find((line) => !/^(# )?[A-Z_]+=/.test(line));
      expect(commentAbove, `a comment above ${variable}`).toMatch(/^#/);
    }
  });

  it('lists every variable the code reads in the README configuration table', () => {
    const table = README.split('## Configuration')[1]?.split('\n## ')[0] ?? '';
    for (const variable of documented)
      expect(table, variable).toMatch(new RegExp(`^\\|.*\`${variable}\``, 'm'));
  });

  it('documents the one-shot commands of the stack in the README production section', () => {
    const production = README.split('## Production')[1]?.split('\n## ')[0] ?? '';
    expect(production).toContain('cp .env.example .env');
    expect(production).toContain('docker compose up -d');
    // Ingestion as the owner (the migrate service); accounts and the log check as the API's login.
    expect(production).toMatch(/docker compose run --rm .*migrate .*npm run ingest --/);
    expect(production).not.toMatch(/docker compose run --rm [^\n]*\bapi\b[^\n]*npm run ingest/);
    expect(production).toMatch(/docker compose exec -T api npm run users -- create --role admin/);
    expect(production).toContain('docker compose exec -T api npm run audit:verify');
  });

  it('documents the two database roles and the rotation of both passwords', () => {
    const production = README.split('## Production')[1]?.split('\n## ')[0] ?? '';
    for (const term of [
      'reco_app',
      'POSTGRES_API_USER',
      'POSTGRES_API_PASSWORD',
      'append-only',
      'TRUST_PROXY',
    ])
      expect(production, term).toContain(term);
    expect(production).toMatch(/\\password \$\{?POSTGRES_API_USER|\\password reco_api/);
  });
});

describe('Dockerfile', () => {
  const stages = new Set(DOCKERFILE.map((instruction) => instruction.stage));
  const finalStage = Math.max(...stages);
  const inFinal = (keyword: string) =>
    DOCKERFILE.filter((each) => each.stage === finalStage && each.keyword === keyword);
  const only = (keyword: string) => {
    const found = inFinal(keyword);
    expect(found, keyword).toHaveLength(1);
    return (found[0] as { args: string }).args;
  };

  it('builds on Node 20 bookworm-slim in stages: npm ci and the web bundle in the first', () => {
    expect(stages.size).toBeGreaterThanOrEqual(2);
    for (const from of DOCKERFILE.filter((each) => each.keyword === 'FROM'))
      expect(from.args).toMatch(/^node:20-bookworm-slim\b/);
    const build = DOCKERFILE.filter((each) => each.stage === 0 && each.keyword === 'RUN').map(
      (each) => each.args,
    );
    expect(build).toContainEqual(expect.stringMatching(/^npm ci\b/));
    expect(build).toContain('npm run build -w web');
  });

  it('runs as a non-root user, on the port the compose file publishes, with a health check', () => {
    expect(only('USER')).not.toMatch(/^(root|0)(:|$)/);
    const port = String(loadConfig(apiEnvironment()).port);
    expect(only('EXPOSE')).toBe(port);
    expect(only('ENV')).toContain(`PORT=${port}`);
    expect(only('HEALTHCHECK')).toContain(`http://127.0.0.1:${port}/api/health`);
  });

  it('ships the runtime dependencies only, tsx among them, after the web bundle is built', () => {
    const build = DOCKERFILE.filter((each) => each.stage === 0 && each.keyword === 'RUN').map(
      (each) => each.args,
    );
    const prune = build.findIndex((args) => /^npm prune --omit=dev\b/.test(args));
    expect(prune).toBeGreaterThan(build.indexOf('npm run build -w web'));
    const server = JSON.parse(read('server/package.json')) as { dependencies: Record<string, string> };
    expect(server.dependencies.tsx).toBeDefined();
  });

  it('starts what `npm run serve` starts: the server, which migrates the database, then listens', () => {
    const serve = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.serve;
    expect(serve).toBe('tsx server/src/main.ts');
    expect(commandOf(only('CMD'))).toEqual(['node', '--import', 'tsx', 'server/src/main.ts']);
  });

  it('leaves dependencies, local data, the built bundle, git and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.data', 'web/dist', '.git', '.env'])
      expect(ignored).toContain(entry);
  });
});

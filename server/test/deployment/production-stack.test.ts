import { readFileSync } from 'node:fs';
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

// Docker does not run here: these checks read the files as Docker would and hold them to the code.

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  restart?: string;
  environment?: Record<string, string | number | boolean>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  entrypoint?: string[];
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

/** Secrets: compose must refuse to start without them rather than fall back to a default. */
const SECRETS = ['POSTGRES_PASSWORD'];
/** What the code reads but this stack must not set: the embedded database and the demo mode. */
const LOCAL_ONLY = ['PGLITE_DIR', 'DEMO', 'DEMO_PASSWORD', 'DEMO_CATALOGUE_DIR'];
/** Where production departs from the code's defaults, which suit a laptop (docker-compose.yml says why). */
const PRODUCTION_OVERRIDES = ['DATABASE_URL', 'HOST', 'OLLAMA_BASE_URL', 'EMBEDDER', 'COOKIE_SECURE'];

/** The stack as `docker compose config` resolves it with the operator's .env. */
function composeWith(dotenv: Record<string, string>): ComposeFile {
  return interpolateAll(parse(COMPOSE_TEXT) as ComposeFile, dotenv);
}
const dotenv: Record<string, string> = { ...parseDotenv(ENV_EXAMPLE), POSTGRES_PASSWORD: 'a-test-password' };
const stack = composeWith(dotenv);
const service = (name: string): Service => {
  const found = stack.services[name];
  if (!found) throw new Error(`docker-compose.yml has no ${name} service`);
  return found;
};
const apiEnvironment = () =>
  Object.fromEntries(
    Object.entries(service('api').environment ?? {}).map(([key, value]) => [key, String(value)]),
  );
const namedVolume = (mount: string) => mount.split(':')[0] as string;
const durationSeconds = (duration: string) =>
  [...duration.matchAll(/(\d+)(h|m|s)/g)].reduce(
    (total, [, amount, unit]) => total + Number(amount) * { h: 3600, m: 60, s: 1 }[unit as 'h' | 'm' | 's'],
    0,
  );

describe('docker-compose.yml', () => {
  it('refuses to start without the secrets, which come from .env only', () => {
    expect(() => composeWith(parseDotenv(ENV_EXAMPLE))).toThrow(/POSTGRES_PASSWORD/);
    for (const secret of SECRETS) {
      const references = [...COMPOSE_TEXT.matchAll(new RegExp(`\\$\\{${secret}([^}]*)\\}`, 'g'))];
      expect(references.length).toBeGreaterThan(0);
      for (const [, operator] of references) expect(operator).toMatch(/^:\?/);
    }
  });

  it('runs PostgreSQL with pgvector, its data on a named volume, with a healthcheck', () => {
    const postgres = service('postgres');
    expect(postgres.image).toMatch(/^pgvector\/pgvector:/);
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres.restart).toBe('unless-stopped');
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

  it('builds the API from the Dockerfile and starts it once the database is healthy and the models pulled', () => {
    const api = service('api');
    expect(api.build).toBe('.');
    expect(api.restart).toBe('unless-stopped');
    expect(api.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      'ollama-pull': { condition: 'service_completed_successfully' },
    });
  });

  it('publishes and health-checks the port the API listens on, and lets it finish requests on stop', () => {
    const api = service('api');
    const config = loadConfig(apiEnvironment());
    expect(api.ports).toHaveLength(1);
    expect(api.ports?.[0]).toBe(`${dotenv.API_PORT}:${config.port}`);
    expect(api.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${config.port}/api/health`);
    expect(durationSeconds(api.stop_grace_period ?? '0s') * 1000).toBeGreaterThan(config.shutdownGraceMs);
  });

  it('declares every named volume a service mounts', () => {
    const mounted = Object.values(stack.services).flatMap((each) => (each.volumes ?? []).map(namedVolume));
    expect(mounted.length).toBeGreaterThan(0);
    for (const volume of mounted) expect(Object.keys(stack.volumes)).toContain(volume);
  });

  it('configures the API for production: PostgreSQL, Mixtral through Ollama, Secure cookie, no demo', () => {
    const config = loadConfig(apiEnvironment());
    expect(config.database.databaseUrl).toBe(
      `postgres://${dotenv.POSTGRES_USER}:a-test-password@postgres:5432/${dotenv.POSTGRES_DB}`,
    );
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
    expect(production).toMatch(/docker compose run --rm .*api .*npm run ingest --/);
    expect(production).toMatch(/docker compose exec -T api npm run users -- create --role admin/);
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

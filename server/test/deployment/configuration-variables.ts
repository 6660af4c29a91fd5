import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadIngestConfig } from '../../../ingestion/src/cli/config';
import { loadConfig } from '../../src/config';

export const ROOT = join(import.meta.dirname, '../../..');

/** The modules allowed to read the environment, each with what loads it. */
export const CONFIG_MODULES = {
  'server/src/config.ts': loadConfig,
  'ingestion/src/cli/config.ts': loadIngestConfig,
} satisfies Record<string, (env: Record<string, string | undefined>) => unknown>;

/** The workspaces the production image runs (eval and e2e are development tools). */
const PRODUCTION_WORKSPACES = [
  'contracts',
  'referentials',
  'db',
  'guardrails',
  'prompts',
  'ingestion',
  'server',
];

/**
 * The variables a loader reads, observed rather than listed: it is given an environment that records
 * every lookup. The settings are zod objects, which look up every key of their shape.
 */
export function variablesReadBy(load: (env: Record<string, string | undefined>) => unknown): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy<Record<string, string | undefined>>(
    {},
    {
      get(_target, key) {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    },
  );
  load(recording);
  return read;
}

/** Every variable the production code reads. */
export function variablesTheCodeReads(): Set<string> {
  return new Set(Object.values(CONFIG_MODULES).flatMap((load) => [...variablesReadBy(load)]));
}

/** The non-test source files of the production workspaces that mention `process.env`. */
export function modulesReadingTheEnvironment(): string[] {
  return PRODUCTION_WORKSPACES.flatMap((workspace) =>
    readdirSync(join(ROOT, workspace, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .map((file) => join(ROOT, workspace, 'src', file))
      .filter((path) => readFileSync(path, 'utf8').includes('process.env'))
      .map((path) => relative(ROOT, path)),
  ).sort();
}

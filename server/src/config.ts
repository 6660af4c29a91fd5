import { CatalogueSettings, parseSettings } from '@reco/ingestion';
import { z } from 'zod';

const ServerSettings = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DEMO_CATALOGUE_DIR: z.string().min(1).default('./.data/demo-catalogue'),
});

export type ServerConfig = CatalogueSettings & { port: number; host: string; demoCatalogueDir: string };

/** The only place the server reads its environment: parsed once at start-up, failing fast. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const catalogue = parseSettings(CatalogueSettings, env);
  const server = parseSettings(ServerSettings, env);
  return { ...catalogue, port: server.PORT, host: server.HOST, demoCatalogueDir: server.DEMO_CATALOGUE_DIR };
}

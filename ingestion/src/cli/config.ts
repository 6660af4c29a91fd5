import { CatalogueSettings, parseSettings } from '../catalogue-settings';

/** The only place the ingestion CLI reads its environment: the same settings as the server's. */
export function loadIngestConfig(env: Record<string, string | undefined> = process.env): CatalogueSettings {
  return parseSettings(CatalogueSettings, env);
}

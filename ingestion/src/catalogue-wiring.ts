import { CatalogueRepository, type Database, type DatabaseSettings, openDatabase } from '@reco/db';
import type { CatalogueSettings } from './catalogue-settings';
import { OllamaEmbedder } from './embedding/ollama-embedder';
import {
  BuiltinCatalogueEmbedding,
  type CatalogueEmbedding,
  OllamaCatalogueEmbedding,
} from './pipeline/catalogue-embedding';

export interface CatalogueParts {
  db: Database;
  catalogue: CatalogueRepository;
  embedding: CatalogueEmbedding;
}

/** Opens the configured database and picks the configured embedder: the one place they are chosen. */
export async function openCatalogue(
  settings: Pick<CatalogueSettings, 'embedder'> & { database: DatabaseSettings },
): Promise<CatalogueParts> {
  const db = await openDatabase(settings.database);
  const catalogue = new CatalogueRepository(db);
  const embedding =
    settings.embedder.kind === 'ollama'
      ? new OllamaCatalogueEmbedding(new OllamaEmbedder(settings.embedder))
      : new BuiltinCatalogueEmbedding(catalogue);
  return { db, catalogue, embedding };
}

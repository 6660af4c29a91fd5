export * from './catalogue-settings';
export * from './catalogue-wiring';
export { buildDemoCatalogue, DEMO_MANIFEST_FILE } from './demo/build-demo-catalogue';
export type { DemoManifest } from './demo/manifest';
export type { Embedder } from './embedding/embedder';
export {
  BuiltinCatalogueEmbedding,
  type CatalogueEmbedding,
  OllamaCatalogueEmbedding,
} from './pipeline/catalogue-embedding';
export { type IngestDependencies, type IngestOptions, ingest } from './pipeline/ingest';

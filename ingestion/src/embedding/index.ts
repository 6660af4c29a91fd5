export type { Embedder } from './embedder.js';
export {
  FRENCH_ANALYZER_VERSION,
  FRENCH_STOP_WORDS,
  FrenchAnalyzer,
  type FrenchAnalyzerOptions,
  normalizeFrench,
  stemFrench,
  tokenizeFrench,
  type WordFeatures,
} from './french-text.js';
export {
  OllamaEmbedder,
  type OllamaEmbedderOptions,
  OllamaResponseError,
  OllamaUnavailableError,
} from './ollama-embedder.js';
export { TfidfSvdEmbedder, type TfidfSvdFitOptions } from './tfidf-svd-embedder.js';

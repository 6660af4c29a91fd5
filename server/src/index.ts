/** What evaluations and benchmarks drive: the real app, wired by the real composition root. */
export { createApp } from './app';
export { seedDemoAccounts } from './auth/demo-accounts';
export { loadConfig, type ServerConfig } from './config';
export type { ChatModel } from './llm/chat-model';
export { type LlmStatus, ollamaStatus } from './llm/llm-status';
export { OllamaChatModel } from './llm/ollama-chat-model';
export { jsonLogger, silentLogger } from './logger';
export { HybridRetriever, type RetrievalRequest, type RetrievalResult } from './retrieval/hybrid-retriever';
export { JobTitleResolver } from './retrieval/job-title-resolver';
export { buildServices, type Services } from './services';

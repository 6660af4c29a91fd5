export * from './guardrail';
export * from './ingestion';
export * from './offer';
export * from './problem';
export * from './profile';
export * from './routes/health';
export * from './routes/recommendations';

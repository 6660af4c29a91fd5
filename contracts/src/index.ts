export * from './ingestion';
export * from './offer';

export * from './catalogue-text';
export * from './context-budget';
export * from './french-format';
export * from './output-schema';
export * from './profile-summary';
export * from './prompt-candidate';
export * from './recommendation-prompt';

export * from './catalogue-repository';
export * from './catalogue-search';
export type { Database, Queryable } from './database';
export { migrate } from './migrate';
export { type DatabaseSettings, openDatabase } from './open-database';
export { PgliteDatabase } from './pglite-database';
export { PostgresDatabase } from './postgres-database';

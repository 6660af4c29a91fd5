export { loadReferentials } from './load';
export type { CertificationInfo, Commune, Referentials, RomeAppellation } from './referentials';

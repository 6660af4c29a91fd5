import type { Offer, Provenance } from '@reco/contracts';

/** One producer's record in the canonical shape, before records of the same training are merged. */
export type HarmonisedRecord = Omit<Offer, 'id' | 'sources' | 'contentHash'> & {
  provenance: Provenance;
  scope: string;
  /** SIRET + certification + département: equal keys across producers mean the same training. */
  mergeKey: string | null;
};

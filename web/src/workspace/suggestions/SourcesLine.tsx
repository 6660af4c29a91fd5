import type { Provenance } from '@reco/contracts';
import { formatSource } from '../../i18n/format';

/** Where the offer comes from: producer and its identifier, to check at the source. */
export function SourcesLine({ sources }: { sources: readonly Provenance[] }) {
  if (sources.length === 0) return null;
  return (
    <p className="app-sources">
      Source{sources.length > 1 ? 's' : ''} : {sources.map(formatSource).join(' ; ')}
    </p>
  );
}

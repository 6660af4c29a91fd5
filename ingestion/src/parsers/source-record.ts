import type { Modality, OfferKind, QuarantineEntry, SourceName } from '@reco/contracts';

/**
 * One producer record as its parser read it, before harmonisation: codes are as the producer wrote
 * them (checked for shape only), places may be partial. Staff contact details never get here.
 */
export interface SourceRecord {
  source: SourceName;
  /** As docs/catalogue-sources.md defines it for this source. */
  sourceId: string;
  /**
   * What a full re-delivery replaces: `lheo`, `mcf`, or `partner:<siret>`. A record absent from a
   * complete delivery of its scope is retired.
   */
  scope: string;
  /** Where the record was in its file (e.g. "line 12", "action 3 at byte 10234"), for reports. */
  position: string;
  kind: OfferKind;
  title: string;
  objectives?: string;
  content?: string;
  provider: { name?: string; siret?: string };
  certification: { rncp?: string; certifInfo?: string; level?: number; label?: string };
  /** The principal Formacode first when the producer marked one. */
  formacodes: string[];
  romeCodes: string[];
  nsfCodes: string[];
  /** Undefined for online-only records. */
  place?: {
    lat?: number;
    lon?: number;
    inseeCode?: string;
    postcode?: string;
    city?: string;
    address?: string;
    departement?: string;
  };
  modality: Modality;
  /** ISO dates (YYYY-MM-DD), already checked to be real dates. */
  sessions: { start?: string; end?: string }[];
  durationHours?: number;
  costEur?: number;
  cpf: boolean;
  audience?: string;
  url?: string;
}

export type ParseEvent =
  | { type: 'record'; record: SourceRecord }
  | { type: 'quarantine'; entry: QuarantineEntry }
  /** The file ended before its end (truncated XML, cut JSON): the delivery is not complete. */
  | { type: 'incomplete'; reason: string };

/** Every parser has this shape: a stream of bytes in, events out, never a throw for bad content. */
export type Parser = (input: AsyncIterable<Uint8Array>, file: string) => AsyncIterable<ParseEvent>;

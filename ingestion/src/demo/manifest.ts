import type { SourceName } from '@reco/contracts';

/**
 * The kinds of wrong data the demo catalogue carries on purpose, counted per file and per element
 * that carries the defect: an LHEO session for dates, an LHEO formation for unknown codes (all its
 * actions inherit them), an MCF row, a partner item.
 */
export type DefectClass =
  /** LHEO action without `numero`. */
  | 'missing_id'
  /** A source id already used earlier in the same file (LHEO action numero, MCF numero_formation + département, partner ref). */
  | 'duplicate_id'
  /** A session date that is no calendar date (e.g. 20270231). */
  | 'impossible_date'
  /** A well-shaped Formacode that does not exist (99998: 99999 is a real code, "information non communiquée"). */
  | 'unknown_formacode'
  /** A well-shaped ROME code that does not exist (A9999). */
  | 'unknown_rome'
  /** A CSV row with fewer fields than the header. */
  | 'too_few_columns'
  /** Text where a number is expected ("NC", "sur devis"). */
  | 'text_in_numeric_column'
  /** A SIRET whose Luhn key is wrong. */
  | 'invalid_siret'
  /** A partner item that breaks the feed's schema (a `type` outside formation/atelier/evenement). */
  | 'invalid_item'
  /** The file stops in the middle of its JSON. */
  | 'truncated_file';

export type DemoFileFormat = 'lheo' | 'mcf-csv' | 'mcf-json' | 'partner';

export interface DemoFileEntry {
  /** File name inside the output directory. */
  file: string;
  format: DemoFileFormat;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  bytes: number;
  /**
   * Offer-level records in the file, defective ones included: LHEO actions, MCF data rows, partner
   * items (for a truncated feed, the items complete before the cut).
   */
  records: number;
  /** LHEO only: the `formation` elements. */
  formations?: number;
  defects: Partial<Record<DefectClass, number>>;
  /** Legitimate but awkward data the ingestion must handle (coarse coordinates, expired sessions...). */
  features: Record<string, number>;
}

/** One training published by two producers: same SIRET, same certification, same département. */
export interface CrossProducerDuplicate {
  /** The LHEO `action` numero. */
  lheo: string;
  /** `numero_formation:code_departement` as written in the MCF file. */
  mcf: string;
}

export interface PromptInjection {
  source: SourceName;
  /** As docs/catalogue-sources.md defines source ids. */
  sourceId: string;
  file: string;
}

/** What `manifest.json` holds: the counts and the ground truth the tests and evaluations check against. */
export interface DemoManifest {
  generator: 'reco-demo-catalogue';
  referenceDate: string;
  seed: number;
  scale: number;
  files: DemoFileEntry[];
  /** Records per source format, over all its files. */
  recordsByFormat: Record<SourceName, number>;
  crossProducerDuplicates: CrossProducerDuplicate[];
  promptInjections: PromptInjection[];
}

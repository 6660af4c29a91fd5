import { z } from 'zod';
import { SourceName } from './offer';

/** The one JSON line `npm run ingest` prints when a run ends. */
export const IngestSummary = z.object({
  read: z.number().int(),
  ingested: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  merged: z.number().int(),
  retired: z.number().int(),
  quarantined: z.number().int(),
  seconds: z.number(),
});
export type IngestSummary = z.infer<typeof IngestSummary>;

/** A record the ingestion refused, with where it was and why. */
export const QuarantineEntry = z.object({
  file: z.string(),
  source: SourceName.optional(),
  /** Line, byte offset or record index, as the format allows: e.g. "line 17" or "offre 3 (byte 10234)". */
  position: z.string(),
  reason: z.string(),
  /** A short excerpt to help the producer fix the record; never staff contact details. */
  excerpt: z.string().optional(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

import { z } from 'zod';

/** The three producers' formats, named as the source identifiers of docs/catalogue-sources.md. */
export const SourceName = z.enum(['lheo', 'mcf', 'partner']);
export type SourceName = z.infer<typeof SourceName>;

/** Where an offer came from: `sourceId` follows docs/catalogue-sources.md exactly. */
export const Provenance = z.object({
  source: SourceName,
  sourceId: z.string().min(1),
});
export type Provenance = z.infer<typeof Provenance>;

export const OfferKind = z.enum(['training', 'workshop', 'event']);
export type OfferKind = z.infer<typeof OfferKind>;

export const Modality = z.enum(['in_person', 'blended', 'remote']);
export type Modality = z.infer<typeof Modality>;

/**
 * How precisely an offer is located. Mon Compte Formation rows only know a département: a distance
 * computed to it is a distance to the département's centre, never to the offer itself.
 */
export const LocationPrecision = z.enum(['point', 'commune', 'departement', 'online']);
export type LocationPrecision = z.infer<typeof LocationPrecision>;

export const Location = z.object({
  precision: LocationPrecision,
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  inseeCode: z
    .string()
    .regex(/^(\d[\dAB]\d{3})$/)
    .optional(),
  postcode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  city: z.string().optional(),
  departement: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .optional(),
  address: z.string().optional(),
});
export type Location = z.infer<typeof Location>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Session = z.object({
  start: isoDate.optional(),
  end: isoDate.optional(),
  /** Computed at ingestion against the run's date: a session whose end is past. */
  expired: z.boolean(),
});
export type Session = z.infer<typeof Session>;

export const Certification = z.object({
  rncp: z
    .string()
    .regex(/^RNCP\d+$/)
    .optional(),
  certifInfo: z.string().regex(/^\d+$/).optional(),
  /** European qualification level, 1..8. */
  level: z.number().int().min(1).max(8).optional(),
  label: z.string().optional(),
});
export type Certification = z.infer<typeof Certification>;

/** Why an offer might deserve a second look; none of these hides an offer. */
export const QualityFlag = z.enum([
  'all_sessions_expired',
  'no_session_dates',
  'coordinates_from_commune',
  'location_departement_only',
  'rome_from_certification',
  'rome_from_formacode',
  'no_rome_code',
  'unknown_code_dropped',
  'invalid_siret_dropped',
  'merged_across_producers',
]);
export type QualityFlag = z.infer<typeof QualityFlag>;

/** The harmonised, canonical offer: one shape whatever the producer. */
export const Offer = z.object({
  id: z.string().min(1),
  kind: OfferKind,
  title: z.string().min(1),
  objectives: z.string().optional(),
  content: z.string().optional(),
  provider: z.object({
    name: z.string().min(1),
    siret: z
      .string()
      .regex(/^\d{14}$/)
      .optional(),
  }),
  certification: Certification.optional(),
  formacodes: z.array(z.string().regex(/^\d{5}$/)),
  romeCodes: z.array(z.string().regex(/^[A-N]\d{4}$/)),
  nsfCodes: z.array(z.string()),
  location: Location,
  sessions: z.array(Session),
  durationHours: z.number().nonnegative().optional(),
  costEur: z.number().nonnegative().optional(),
  funding: z.object({ cpf: z.boolean() }),
  modality: Modality,
  /** Audience or prerequisites as the producer wrote them. */
  audience: z.string().optional(),
  url: z.string().optional(),
  sources: z.array(Provenance).min(1),
  qualityFlags: z.array(QualityFlag),
  contentHash: z.string(),
});
export type Offer = z.infer<typeof Offer>;

import type { OfferKind } from '@reco/contracts';
import { z } from 'zod';
import {
  collapseWhitespace,
  FORMACODE_PATTERN,
  meaningfulText,
  parseIsoDateTime,
  ROME_PATTERN,
} from './fields';
import type { SourceRecord } from './source-record';

/** What the partner feed v1 says about its producer (docs/catalogue-sources.md §3). */
export const PartnerFeedHeader = z.object({
  schemaVersion: z.literal(1),
  partner: z.object({
    name: z.string().trim().min(1),
    kind: z.enum(['collectivite', 'association', 'apec', 'autre']),
    siret: z.string().regex(/^\d{14}$/, 'a SIRET is 14 digits'),
  }),
});
export type PartnerFeedHeader = z.infer<typeof PartnerFeedHeader>;

const optionalText = z.string().nullish();

const DateOrDateTime = z.string().transform((text, ctx) => {
  const parsed = parseIsoDateTime(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `not a real ISO date or date-time "${text}"` });
    return z.NEVER;
  }
  return parsed;
});
type DateOrDateTime = z.infer<typeof DateOrDateTime>;

const Slot = z.object({ start: DateOrDateTime, end: DateOrDateTime.nullish() }).superRefine((slot, ctx) => {
  if (slot.end && endsBeforeStart(slot.start, slot.end)) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'the slot ends before it starts' });
  }
});

/** Two times compare as instants; a bare date against anything compares as a calendar day. */
function endsBeforeStart(start: DateOrDateTime, end: DateOrDateTime): boolean {
  if (start.instant !== undefined && end.instant !== undefined) return end.instant < start.instant;
  return end.date < start.date;
}

const Place = z.object({
  address: optionalText,
  postcode: z
    .string()
    .regex(/^\d{5}$/, 'a postcode is 5 digits')
    .nullish(),
  city: optionalText,
  inseeCode: z
    .string()
    .regex(/^\d[\dAB]\d{3}$/, 'an INSEE code is 5 characters')
    .nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
});

/** One item of the feed; unknown members are ignored so that a later minor addition does not break v1 readers. */
export const PartnerFeedItem = z
  .object({
    ref: z.string().trim().min(1),
    type: z.enum(['formation', 'atelier', 'evenement']),
    title: z.string().trim().min(1),
    summary: optionalText,
    audience: optionalText,
    romeCodes: z.array(z.string().regex(ROME_PATTERN, 'not a ROME code (a letter and 4 digits)')).nullish(),
    formacodes: z.array(z.string().regex(FORMACODE_PATTERN, 'not a Formacode (5 digits)')).nullish(),
    /** null: online only. */
    place: Place.nullish(),
    online: z.boolean().nullish(),
    slots: z.array(Slot).nullish(),
    /** Euros; 0 is free, null unknown. */
    price: z.number().nonnegative().nullish(),
    durationHours: z.number().nonnegative().nullish(),
    // Shown to counsellors as a link: only web addresses.
    url: z.url({ protocol: /^https?$/ }).nullish(),
  })
  .superRefine((item, ctx) => {
    if (!item.place && item.online === false) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: 'no place while online is false' });
    }
  });
export type PartnerFeedItem = z.infer<typeof PartnerFeedItem>;

const KINDS: Record<PartnerFeedItem['type'], OfferKind> = {
  formation: 'training',
  atelier: 'workshop',
  evenement: 'event',
};

/**
 * A checked item as a source record. No place means online only (remote); a place and `online: true`
 * means it can be followed either way (blended). Partners do not say whether CPF funds an item.
 */
export function partnerRecordFromItem(
  header: PartnerFeedHeader,
  item: PartnerFeedItem,
  position: string,
): SourceRecord {
  const { partner } = header;
  return {
    source: 'partner',
    sourceId: `${partner.siret}:${item.ref}`,
    scope: `partner:${partner.siret}`,
    position,
    kind: KINDS[item.type],
    title: collapseWhitespace(item.title),
    content: meaningfulText(item.summary ?? undefined),
    provider: { name: partner.name, siret: partner.siret },
    certification: {},
    formacodes: [...new Set(item.formacodes ?? [])],
    romeCodes: [...new Set(item.romeCodes ?? [])],
    nsfCodes: [],
    place: item.place ? placeOf(item.place) : undefined,
    modality: !item.place ? 'remote' : item.online ? 'blended' : 'in_person',
    sessions: (item.slots ?? []).map((slot) => ({ start: slot.start.date, end: slot.end?.date })),
    durationHours: item.durationHours ?? undefined,
    costEur: item.price ?? undefined,
    cpf: false,
    audience: meaningfulText(item.audience ?? undefined),
    url: item.url ?? undefined,
  };
}

function placeOf(place: z.infer<typeof Place>): SourceRecord['place'] {
  return {
    address: meaningfulText(place.address ?? undefined),
    postcode: place.postcode ?? undefined,
    city: meaningfulText(place.city ?? undefined),
    inseeCode: place.inseeCode ?? undefined,
    lat: place.lat ?? undefined,
    lon: place.lon ?? undefined,
  };
}

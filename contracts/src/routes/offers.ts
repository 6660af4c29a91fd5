import { z } from 'zod';
import { Offer } from '../offer';
import { userText } from '../user-text';
import { route } from './route';

export const OfferSearchQuery = z.strictObject({
  q: userText('la recherche', { min: 2, max: 200 }),
  inseeCode: z
    .string()
    .regex(/^\d[\dAB]\d{3}$/)
    .optional(),
  radiusKm: z.coerce.number().int().min(1).max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type OfferSearchQuery = z.infer<typeof OfferSearchQuery>;

export const OfferSearchResult = z.object({
  offers: z.array(Offer.extend({ distanceKm: z.number().optional() })),
});
export type OfferSearchResult = z.infer<typeof OfferSearchResult>;

export const offerSearchRoute = route({
  method: 'get',
  path: '/api/offers/search',
  summary: 'Recherche du conseiller dans le catalogue (texte, commune, rayon)',
  access: 'user',
  query: OfferSearchQuery,
  response: OfferSearchResult,
});

export const offerRoute = route({
  method: 'get',
  path: '/api/offers/:id',
  summary: 'Une offre du catalogue, avec ses sources',
  access: 'user',
  response: Offer,
});

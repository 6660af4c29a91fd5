import { z } from 'zod';
import { RomeCode } from '../profile';
import { userText } from '../user-text';
import { route } from './route';

/** `?q=`: a few letters of a name, or the start of a postcode. */
export const ReferentialSearchQuery = z.strictObject({
  q: userText('la recherche', { min: 2, max: 100 }),
});
export type ReferentialSearchQuery = z.infer<typeof ReferentialSearchQuery>;

/** A commune for the profile form: what the counsellor sees, and the INSEE code the profile keeps. */
export const CommuneSuggestion = z.object({
  inseeCode: z.string().regex(/^\d[\dAB]\d{3}$/),
  name: z.string(),
  postcode: z.string().regex(/^\d{5}$/),
  departement: z.string(),
});
export type CommuneSuggestion = z.infer<typeof CommuneSuggestion>;

/** A ROME 4.0 job title (appellation), with its job sheet's code and label. */
export const JobSuggestion = z.object({
  label: z.string(),
  romeCode: RomeCode,
  romeLabel: z.string().optional(),
});
export type JobSuggestion = z.infer<typeof JobSuggestion>;

export const communeSuggestionsRoute = route({
  method: 'get',
  path: '/api/referentials/communes',
  summary: 'Autocomplétion des communes (nom ou code postal), 10 au plus, les plus peuplées d’abord',
  access: 'user',
  query: ReferentialSearchQuery,
  response: z.array(CommuneSuggestion).max(10),
});

export const jobSuggestionsRoute = route({
  method: 'get',
  path: '/api/referentials/jobs',
  summary: 'Autocomplétion des métiers (appellations ROME 4.0), 10 au plus',
  access: 'user',
  query: ReferentialSearchQuery,
  response: z.array(JobSuggestion).max(10),
});

import { z } from 'zod';
import { OfferReference, userText } from '../user-text';
import { route } from './route';

export const SetAsideReason = z.enum([
  'not_relevant',
  'too_far',
  'dates',
  'level',
  'cost',
  'already_done',
  'other',
]);
export type SetAsideReason = z.infer<typeof SetAsideReason>;

export const DecisionItem = z
  .strictObject({
    offerId: OfferReference,
    action: z.enum(['retained', 'set_aside']),
    reason: SetAsideReason.optional(),
    comment: userText('le commentaire', { max: 500 }).optional(),
    /** The explanation as the counsellor rewrote it for the jobseeker. */
    editedText: userText('le texte modifié', { max: 2000 }).optional(),
  })
  .refine((item) => item.action === 'retained' || item.reason !== undefined, {
    message: 'une suggestion écartée a un motif',
    path: ['reason'],
  })
  .refine((item) => item.reason !== 'other' || (item.comment ?? '').length > 0, {
    message: 'le motif « autre » demande un commentaire',
    path: ['comment'],
  });
export type DecisionItem = z.infer<typeof DecisionItem>;

/** `POST /api/recommendations/:requestId/decisions`: the counsellor's choice on every suggestion shown. */
export const DecisionRequest = z.strictObject({
  items: z.array(DecisionItem).max(10, 'au plus 10 suggestions'),
  added: z
    .array(z.strictObject({ offerId: OfferReference, note: userText('la note', { max: 500 }).optional() }))
    .max(20, 'au plus 20 offres ajoutées'),
  /** Milliseconds between the suggestions being shown and the decision, measured by the browser. */
  msToDecide: z.number().int().nonnegative().max(86_400_000).optional(),
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const DecisionResponse = z.object({ decisionId: z.uuid(), requestId: z.uuid() });
export type DecisionResponse = z.infer<typeof DecisionResponse>;

export const decisionsRoute = route({
  method: 'post',
  path: '/api/recommendations/:requestId/decisions',
  summary: 'La proposition du conseiller : chaque suggestion retenue ou écartée (avec motif), et ses ajouts',
  access: 'user',
  body: DecisionRequest,
  response: DecisionResponse,
});

export const ErrorReportRequest = z.strictObject({
  offerId: OfferReference,
  kind: z.enum(['wrong_fact', 'invented_content', 'inappropriate']),
  comment: userText('le commentaire', { max: 1000 }).optional(),
});
export type ErrorReportRequest = z.infer<typeof ErrorReportRequest>;

export const errorReportRoute = route({
  method: 'post',
  path: '/api/recommendations/:requestId/error-reports',
  summary: '« Signaler une erreur » sur une suggestion : transmis aux administrateurs',
  access: 'user',
  body: ErrorReportRequest,
  response: z.object({ reportId: z.uuid() }),
});

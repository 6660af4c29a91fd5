import type { DecisionItem, DecisionRequest, ErrorReportRequest, GuardrailCategory } from '@reco/contracts';
import {
  type AddedOffer,
  canonicalJson,
  type DecisionRepository,
  type RecommendationRepository,
  type StoredDecision,
  type StoredRecommendation,
} from '@reco/db';
import type { Guardrail } from '@reco/guardrails';
import { z } from 'zod';
import { HttpProblem } from '../http/problem';
import type { FieldError } from '../http/validate';
import type { Logger } from '../logger';

export interface DecisionRecorderDependencies {
  recommendations: RecommendationRepository;
  decisions: DecisionRepository;
  guardrail: Guardrail;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
}

export interface Counsellor {
  id: string;
}

/** `created` false: the same decision (or report) was already stored, and this is it (a retry). */
export interface Recorded<T> {
  value: T;
  created: boolean;
}

const RequestId = z.uuid();

/**
 * The counsellor's decision on what they were shown, and their error reports.
 *
 * A decision is final: one per request. Posting the same decision again (a retry after a network
 * error) answers the stored one; posting a different one is refused with 409, so that the audit
 * shows what was decided when the suggestions were in front of the counsellor. To revise, the
 * counsellor asks again in the conversation, which makes a new request to decide on.
 *
 * Free texts (comments, rewritten explanations, notes) go through the guardrail like the prompt:
 * refused when they hold sensitive data, stored with identifiers and names redacted.
 */
export class DecisionRecorder {
  constructor(private readonly deps: DecisionRecorderDependencies) {}

  async decide(
    counsellor: Counsellor,
    requestId: string,
    decision: DecisionRequest,
  ): Promise<Recorded<{ decisionId: string; requestId: string }>> {
    const request = await this.ownRequest(counsellor, requestId);
    const shown = new Set(request.suggestions.map((suggestion) => suggestion.offerId));

    const errors: FieldError[] = [];
    decision.items.forEach((item, index) => {
      if (!shown.has(item.offerId))
        errors.push({
          field: `items.${index}.offerId`,
          message: `l’offre ${item.offerId} ne fait pas partie des suggestions de cette demande`,
        });
    });
    decision.added.forEach((added, index) => {
      if (shown.has(added.offerId) && !decision.items.some((item) => item.offerId === added.offerId))
        errors.push({
          field: `added.${index}.offerId`,
          message: `l’offre ${added.offerId} fait déjà partie des suggestions : retenez-la plutôt que de l’ajouter`,
        });
    });
    const seen = new Map<string, string>();
    const offers = [
      ...decision.items.map((item, index) => ({ offerId: item.offerId, field: `items.${index}.offerId` })),
      ...decision.added.map((added, index) => ({ offerId: added.offerId, field: `added.${index}.offerId` })),
    ];
    for (const { offerId, field } of offers) {
      const first = seen.get(offerId);
      if (first) errors.push({ field, message: `l’offre ${offerId} figure deux fois (déjà en ${first})` });
      else seen.set(offerId, field);
    }
    if (errors.length === 0) {
      const candidates = decision.added.filter((added) => !shown.has(added.offerId)).map((a) => a.offerId);
      const active = await this.deps.decisions.activeOfferIds(candidates);
      decision.added.forEach((added, index) => {
        if (!shown.has(added.offerId) && !active.has(added.offerId))
          errors.push({
            field: `added.${index}.offerId`,
            message: `l’offre ${added.offerId} n’existe pas ou n’est plus active dans le catalogue`,
          });
      });
    }
    if (errors.length > 0) throw invalidDecision(errors);

    const screen = new TextScreen(this.deps.guardrail);
    const items = decision.items.map((item, index): DecisionItem => {
      const comment = screen.text(item.comment, `items.${index}.comment`);
      const editedText = screen.text(item.editedText, `items.${index}.editedText`);
      return {
        offerId: item.offerId,
        action: item.action,
        ...(item.reason !== undefined && { reason: item.reason }),
        ...(comment !== undefined && { comment }),
        ...(editedText !== undefined && { editedText }),
      };
    });
    const added = decision.added.map((offer, index): AddedOffer => {
      const note = screen.text(offer.note, `added.${index}.note`);
      return { offerId: offer.offerId, ...(note !== undefined && { note }) };
    });
    screen.refuseIfSensitive();

    const { stored, created } = await this.deps.decisions.saveOnce({
      id: this.deps.newId(),
      requestId: request.id,
      userId: counsellor.id,
      items,
      added,
      msToDecide: decision.msToDecide ?? null,
      createdAt: this.deps.clock(),
    });
    if (!created && decisionKey(stored) !== decisionKey({ items, added })) {
      throw new HttpProblem(
        409,
        'Décision déjà enregistrée',
        'Une autre décision a déjà été enregistrée pour cette demande ; elle ne peut plus être modifiée. ' +
          'Pour ajuster la proposition, relancez la demande dans la conversation.',
        { decisionId: stored.id },
      );
    }
    if (created)
      this.deps.logger.info('decision', {
        requestId: request.id,
        retained: items.filter((item) => item.action === 'retained').length,
        setAside: items.filter((item) => item.action === 'set_aside').length,
        added: added.length,
      });
    return { value: { decisionId: stored.id, requestId: request.id }, created };
  }

  async reportError(
    counsellor: Counsellor,
    requestId: string,
    report: ErrorReportRequest,
  ): Promise<Recorded<{ reportId: string }>> {
    const request = await this.ownRequest(counsellor, requestId);
    const shown = request.suggestions.some((suggestion) => suggestion.offerId === report.offerId);
    const added =
      !shown &&
      ((await this.deps.decisions.findByRequest(request.id))?.added.some(
        (a) => a.offerId === report.offerId,
      ) ??
        false);
    if (!shown && !added)
      throw invalidDecision([
        {
          field: 'offerId',
          message: `l’offre ${report.offerId} n’a été ni suggérée ni ajoutée pour cette demande`,
        },
      ]);
    const screen = new TextScreen(this.deps.guardrail);
    const comment = screen.text(report.comment, 'comment') ?? null;
    screen.refuseIfSensitive();

    const { stored, created } = await this.deps.decisions.saveErrorReportOnce({
      id: this.deps.newId(),
      requestId: request.id,
      userId: counsellor.id,
      offerId: report.offerId,
      kind: report.kind,
      comment,
      createdAt: this.deps.clock(),
    });
    if (!created && stored.comment !== comment)
      throw new HttpProblem(
        409,
        'Erreur déjà signalée',
        'Vous avez déjà signalé ce type d’erreur sur cette offre pour cette demande.',
        { reportId: stored.id },
      );
    if (created)
      this.deps.logger.info('error report', {
        requestId: request.id,
        reportId: stored.id,
        kind: report.kind,
      });
    return { value: { reportId: stored.id }, created };
  }

  /** The request, if it exists and is this counsellor's: a 404 otherwise, the same for both cases. */
  private async ownRequest(counsellor: Counsellor, requestId: string): Promise<StoredRecommendation> {
    const request = RequestId.safeParse(requestId).success
      ? await this.deps.recommendations.find(requestId)
      : undefined;
    if (!request || request.userId !== counsellor.id)
      throw new HttpProblem(
        404,
        'Demande introuvable',
        'Cette demande n’existe pas, ne vous appartient pas ou a été supprimée au terme de sa conservation.',
      );
    return request;
  }
}

/** Free texts through the guardrail: redacted, and every refusal gathered before answering. */
class TextScreen {
  private readonly refused: FieldError[] = [];
  private readonly categories = new Set<GuardrailCategory>();

  constructor(private readonly guardrail: Guardrail) {}

  text(value: string | undefined, field: string): string | undefined {
    if (value === undefined || value.length === 0) return value;
    const check = this.guardrail.check(value);
    if (check.decision === 'block') {
      for (const category of check.categories) this.categories.add(category);
      this.refused.push({ field, message: 'ce texte contient des données sensibles sur la personne' });
      return undefined;
    }
    return check.redacted;
  }

  refuseIfSensitive(): void {
    if (this.refused.length === 0) return;
    throw new HttpProblem(
      422,
      'Texte refusé : données sensibles',
      `Reformulez sans informations sur la santé, la situation familiale ou sociale, les opinions… : ${this.refused
        .map((error) => error.field)
        .join(', ')}.`,
      { errors: this.refused, categories: [...this.categories] },
    );
  }
}

function invalidDecision(errors: FieldError[]): HttpProblem {
  return new HttpProblem(
    422,
    'Décision invalide',
    errors.map((error) => `${error.field} : ${error.message}`).join(' ; '),
    { errors },
  );
}

/** What makes two decisions the same, whatever the order of their items and the time measured. */
function decisionKey(decision: Pick<StoredDecision, 'items' | 'added'>): string {
  const byOffer = <T extends { offerId: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));
  return canonicalJson({ items: byOffer(decision.items), added: byOffer(decision.added) });
}

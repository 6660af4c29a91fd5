import { DecisionRequest } from '@reco/contracts';
import { z } from 'zod';

/**
 * A decision sent but not yet confirmed by the server, kept in the tab's sessionStorage so that a
 * reload while the server restarts does not lose it. It holds what the API is sent (offer ids,
 * reasons, the counsellor's texts, which the server redacts on arrival) and titles for the notice;
 * never the request's text. sessionStorage dies with the tab.
 */
export const PendingDecision = z.object({
  requestId: z.uuid(),
  body: DecisionRequest,
  /** Titles of the retained suggestions, to remind the counsellor which proposal it is. */
  retainedTitles: z.array(z.string()),
  /** When it was first sent (ms since epoch). */
  sentAt: z.number(),
});
export type PendingDecision = z.infer<typeof PendingDecision>;

const KEY = 'assistant-formation.decision-en-attente';

/** sessionStorage, or nothing when the browser refuses it (private mode, disabled storage). */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function keepPendingDecision(pending: PendingDecision): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(pending));
  } catch {
    // Storage full or refused: the decision is still retried while the page stays open.
  }
}

export function pendingDecision(): PendingDecision | undefined {
  const text = storage()?.getItem(KEY);
  if (!text) return undefined;
  try {
    const parsed = PendingDecision.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the pending decision, only if it is this request's: another may have replaced it. */
export function forgetPendingDecision(requestId: string): void {
  if (pendingDecision()?.requestId === requestId) storage()?.removeItem(KEY);
}

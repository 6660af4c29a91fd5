import { decisionsRoute, errorReportRoute } from '@reco/contracts';
import { Router } from 'express';
import { currentUser } from '../auth/current-user';
import { parseWith } from '../http/validate';
import type { DecisionRecorder } from '../oversight/decision-recorder';

/**
 * The counsellor's decision on a request's suggestions, and "Signaler une erreur". 201 when stored,
 * 200 when the same decision or report was already stored (a retry): see `DecisionRecorder`.
 */
export function decisionsRouter(recorder: DecisionRecorder): Router {
  const router = Router();

  router.post(decisionsRoute.path, async (req, res) => {
    const decision = parseWith(decisionsRoute.body, req.body);
    const { value, created } = await recorder.decide(
      currentUser(res),
      String(req.params.requestId),
      decision,
    );
    res.status(created ? 201 : 200).json(value);
  });

  router.post(errorReportRoute.path, async (req, res) => {
    const report = parseWith(errorReportRoute.body, req.body);
    const { value, created } = await recorder.reportError(
      currentUser(res),
      String(req.params.requestId),
      report,
    );
    res.status(created ? 201 : 200).json(value);
  });

  return router;
}

import { recommendationsRoute, recommendationsStreamRoute } from '@reco/contracts';
import { type Response, Router } from 'express';
import { currentUser } from '../auth/current-user';
import { problemOf } from '../http/error-middleware';
import { parseWith } from '../http/validate';
import type { Recommender } from '../recommendation/recommender';

/** `POST /api/recommendations` and its server-sent-events variant for progress. */
export function recommendationsRouter(recommender: Recommender): Router {
  const router = Router();

  router.post(recommendationsRoute.path, async (req, res) => {
    const request = parseWith(recommendationsRoute.body, req.body);
    res.json(await recommender.recommend(currentUser(res), request));
  });

  router.post(recommendationsStreamRoute.path, async (req, res) => {
    const request = parseWith(recommendationsStreamRoute.body, req.body);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    try {
      const response = await recommender.recommend(currentUser(res), request, (progress) =>
        sendEvent(res, 'progress', progress),
      );
      sendEvent(res, 'result', response);
    } catch (error) {
      // Headers are gone: the problem travels as an event, with the same shape as elsewhere.
      sendEvent(res, 'problem', problemOf(error, req.originalUrl));
    }
    res.end();
  });

  return router;
}

function sendEvent(res: Response, event: string, data: unknown) {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

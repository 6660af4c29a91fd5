import { guardrailCheckRoute } from '@reco/contracts';
import type { Guardrail } from '@reco/guardrails';
import { Router } from 'express';
import { parseWith } from '../http/validate';

/** Live alerts while the counsellor types: categories and spans, never the text back. */
export function guardrailRouter(guardrail: Guardrail): Router {
  return Router().post(guardrailCheckRoute.path, (req, res) => {
    const { text } = parseWith(guardrailCheckRoute.body, req.body);
    const result = guardrail.check(text);
    res.json({
      decision: result.decision,
      categories: result.categories,
      findings: result.findings.map(({ category, start, end, suggestion }) => ({
        category,
        start,
        end,
        ...(suggestion && { suggestion }),
      })),
    });
  });
}

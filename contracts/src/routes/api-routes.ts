import {
  adminAccessLogRoute,
  adminOversightRoute,
  adminPurgeRoute,
  adminRequestsCsvRoute,
  adminRequestsRoute,
  adminRetentionRoute,
} from './admin';
import { loginRoute, logoutRoute, meRoute } from './auth';
import { decisionsRoute, errorReportRoute } from './decisions';
import { guardrailCheckRoute } from './guardrail';
import { healthRoute } from './health';
import { offerRoute, offerSearchRoute } from './offers';
import { recommendationsRoute, recommendationsStreamRoute } from './recommendations';
import { communeSuggestionsRoute, jobSuggestionsRoute } from './referentials';
import type { RouteContract } from './route';

/** Every route of the API: the OpenAPI document and the route-by-role tests walk this list. */
export const API_ROUTES: readonly RouteContract[] = [
  healthRoute,
  loginRoute,
  logoutRoute,
  meRoute,
  recommendationsRoute,
  recommendationsStreamRoute,
  offerSearchRoute,
  offerRoute,
  guardrailCheckRoute,
  decisionsRoute,
  errorReportRoute,
  adminRequestsRoute,
  adminRequestsCsvRoute,
  adminOversightRoute,
  adminAccessLogRoute,
  adminRetentionRoute,
  adminPurgeRoute,
  communeSuggestionsRoute,
  jobSuggestionsRoute,
];

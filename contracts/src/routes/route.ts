import type { z } from 'zod';

/**
 * One API route as both sides see it: the server validates with it, the web app calls through it,
 * and the OpenAPI document is generated from the list of them.
 */
export interface RouteContract {
  method: 'get' | 'post';
  /** Express-style path: `/api/offers/:id`. */
  path: string;
  summary: string;
  /** Who may call it: anyone, a signed-in user, or an admin. */
  access: 'public' | 'user' | 'admin';
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  /** `text/event-stream` routes answer with server-sent events whose final `result` is `response`. */
  stream?: boolean;
}

export function route<const T extends RouteContract>(contract: T): T {
  return contract;
}

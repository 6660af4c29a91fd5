import type { ProblemDetails } from '@reco/contracts';

/** An error that becomes an RFC 9457 problem response with its status; anything else is a 500. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that go with the problem, e.g. `Retry-After` with a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  toProblem(instance: string): ProblemDetails {
    return {
      type: `about:blank`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      instance,
      ...this.extensions,
    };
  }
}

import type { Response } from 'express';

/** One field of a request that is wrong, named by its path. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/**
 * An error answered as an RFC 9457 problem document: a status, a short title, a detail that
 * says what to change, and for invalid input every field at fault.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';

  readonly problems: readonly FieldProblem[];
  readonly headers: Readonly<Record<string, string>>;
  /** Members beyond the standard ones, e.g. which items of a batch were written. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    more: {
      readonly problems?: readonly FieldProblem[];
      readonly headers?: Readonly<Record<string, string>>;
      readonly extensions?: Readonly<Record<string, unknown>>;
    } = {},
  ) {
    super(`${status} ${title}: ${detail}`);
    this.problems = more.problems ?? [];
    this.headers = more.headers ?? {};
    this.extensions = more.extensions ?? {};
  }
}

export function sendProblem(response: Response, problem: HttpProblem): void {
  response
    .status(problem.status)
    .set(problem.headers)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'about:blank',
        status: problem.status,
        title: problem.title,
        detail: problem.detail,
        ...(problem.problems.length > 0 ? { problems: problem.problems } : {}),
        ...problem.extensions,
      }),
    );
}

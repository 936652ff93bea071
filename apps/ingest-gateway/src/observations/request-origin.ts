import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { HttpProblem } from '@fieldline/platform-http';

const correlationIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** The correlation id a client sent in `X-Correlation-Id`, or a new one for this request. */
export function correlationIdOf(request: Request): string {
  const sent = request.get('x-correlation-id');
  if (sent === undefined) return randomUUID();
  if (!correlationIdPattern.test(sent)) {
    throw new HttpProblem(
      400,
      'Invalid header',
      'X-Correlation-Id must be 1 to 128 letters, digits or ". _ : -"',
      {
        problems: [
          {
            field: 'X-Correlation-Id',
            reason: 'has characters outside [A-Za-z0-9._:-] or is too long',
          },
        ],
      },
    );
  }
  return sent;
}

export function requireJson(request: Request): void {
  if (!request.is('application/json')) {
    throw new HttpProblem(
      415,
      'Unsupported media type',
      `Send the body as application/json, not ${request.get('content-type') ?? 'without a Content-Type'}`,
    );
  }
}

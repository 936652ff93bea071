import { FieldlineError } from '@fieldline/shared-errors';
import type { ErrorRequestHandler } from 'express';
import { HttpProblem, sendProblem } from './http-problem';

/** What body-parser reports, by its `type`. */
interface BodyParserError extends Error {
  readonly type?: string;
  readonly status?: number;
  readonly limit?: number;
  readonly length?: number;
  readonly charset?: string;
}

/**
 * Turns any error into a problem response: bad bodies become the 4xx that names what was wrong,
 * an unavailable dependency a 503 the client may retry, and anything else a 500 that leaks
 * nothing but is logged.
 */
export function errorResponses(
  log: (message: string, fields: object) => void,
): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) return next(error);
    sendProblem(
      response,
      problemOf(error, (message, fields) => log(message, { path: request.path, ...fields })),
    );
  };
}

export function problemOf(
  error: unknown,
  log: (message: string, fields: object) => void,
): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.too.large':
      return new HttpProblem(
        413,
        'Body too large',
        `The body has ${parserError.length ?? 'more than'} bytes; the limit is ${parserError.limit} bytes. Split it into smaller requests or use the bulk import.`,
      );
    case 'entity.parse.failed':
      return new HttpProblem(
        400,
        'Malformed JSON',
        `The body is not valid JSON: ${parserError.message}`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(415, 'Unsupported encoding', parserError.message);
    case 'request.aborted':
      return new HttpProblem(
        400,
        'Request aborted',
        'The client closed the request before its body arrived.',
      );
  }
  if (error instanceof FieldlineError) {
    if (error.code === 'VALIDATION_FAILED')
      return new HttpProblem(422, 'Invalid event', error.message);
    if (error.retriable) {
      log('dependency unavailable', { code: error.code, error: error.message });
      return new HttpProblem(
        503,
        'Temporarily unavailable',
        `${error.code}: nothing was accepted; retry later.`,
        { headers: { 'Retry-After': '5' } },
      );
    }
  }
  log('request failed', { error: error instanceof Error ? error.stack : String(error) });
  return new HttpProblem(
    500,
    'Internal error',
    'The request failed; nothing was accepted. See the service log.',
  );
}

import express, { Router } from 'express';
import { HttpProblem } from '@fieldline/platform-http';
import { kindOf } from '@fieldline/domain-observations';
import { acceptReadings } from './accept-readings';
import type { ObservationSink } from './observation-sink';
import { correlationIdOf, requireJson } from './request-origin';

export interface ObservationRoutesOptions {
  readonly maxBodyBytes: number;
  readonly maxBatchSize: number;
}

/**
 * `POST /v1/observations` takes one reading; `POST /v1/observations/batch` takes
 * `{"observations": [...]}` (or a bare array). Both answer 202 with the event ids once Kafka
 * acknowledged every reading, and a 4xx naming each field at fault otherwise.
 */
export function observationRoutes(
  sink: ObservationSink,
  options: ObservationRoutesOptions,
): Router {
  const router = Router();
  const json = express.json({ limit: options.maxBodyBytes, strict: false, type: () => true });

  router.post('/v1/observations', requireJsonBody, json, async (request, response) => {
    const origin = { correlationId: correlationIdOf(request) };
    const eventIds = await acceptReadings(sink, [{ input: request.body }], origin);
    response
      .status(202)
      .json({ accepted: eventIds.length, eventIds, correlationId: origin.correlationId });
  });

  router.post('/v1/observations/batch', requireJsonBody, json, async (request, response) => {
    const origin = { correlationId: correlationIdOf(request) };
    const items = batchItems(request.body, options.maxBatchSize);
    const eventIds = await acceptReadings(
      sink,
      items.map((input, index) => ({ input, path: `observations[${index}]` })),
      origin,
    );
    response
      .status(202)
      .json({ accepted: eventIds.length, eventIds, correlationId: origin.correlationId });
  });

  return router;
}

const requireJsonBody: express.RequestHandler = (request, _response, next) => {
  requireJson(request);
  next();
};

function batchItems(body: unknown, maxBatchSize: number): unknown[] {
  const items = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null && 'observations' in body
      ? (body as { observations: unknown }).observations
      : undefined;
  if (!Array.isArray(items)) {
    throw new HttpProblem(
      400,
      'Invalid batch',
      `The body must be {"observations": [...]} or an array of observations, not ${kindOf(body)}`,
      { problems: [{ field: 'observations', reason: 'must be an array' }] },
    );
  }
  if (items.length === 0) {
    throw new HttpProblem(400, 'Invalid batch', 'The batch is empty', {
      problems: [{ field: 'observations', reason: 'must hold at least one observation' }],
    });
  }
  if (items.length > maxBatchSize) {
    throw new HttpProblem(
      413,
      'Batch too large',
      `The batch has ${items.length} observations; at most ${maxBatchSize} are allowed per request. Split it, or use the bulk import.`,
    );
  }
  return items;
}

import { Router } from 'express';
import { HttpProblem } from '@fieldline/platform-http';
import type { CurrentStates } from './current-states';

/** `GET /v1/field-states/:regionId`: a region's current state; `GET /v1/field-states`: all. */
export function fieldStateRoutes(current: CurrentStates): Router {
  const router = Router();
  router.get('/v1/field-states', (_request, response) => {
    response.json({ fieldStates: current.all() });
  });
  router.get('/v1/field-states/:regionId', (request, response) => {
    const regionId = request.params['regionId']!;
    const state = current.of(regionId);
    if (!state) {
      throw new HttpProblem(
        404,
        'Unknown region',
        `No field state for region "${regionId}" yet; states appear with the region's first pattern`,
      );
    }
    response.json(state);
  });
  return router;
}

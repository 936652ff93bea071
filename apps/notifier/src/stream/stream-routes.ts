import { Router } from 'express';
import { HttpProblem } from '@fieldline/platform-http';
import type { StreamHub } from './stream-hub';

/** `GET /v1/streams/:name`: the notifications of every stream subscription named so, live (SSE). */
export function streamRoutes(hub: StreamHub): Router {
  const router = Router();
  router.get('/v1/streams/:name', (request, response) => {
    const name = request.params['name']!;
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
      throw new HttpProblem(
        400,
        'Invalid stream name',
        'A stream name is 1 to 64 letters, digits or ". _ -"',
      );
    }
    hub.listen(name, response);
  });
  return router;
}

import { Router } from 'express';
import { HttpProblem } from '@fieldline/platform-http';
import type { StreamHub } from './stream-hub';
import { parseCursor } from './stream-cursor';

/**
 * `GET /v1/streams/:name`: the notifications of every stream subscription named so, live (SSE);
 * with `Last-Event-ID`, first those sent since that frame.
 */
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
    const lastEventId = request.get('last-event-id');
    // An id this service does not give (an older version's, say) is not refused: a browser's
    // EventSource gives up for good on an error, so the stream says the replay is incomplete.
    const lastSeen =
      lastEventId === undefined ? undefined : (parseCursor(lastEventId) ?? 'unreadable');
    hub.listen(name, response, lastSeen);
  });
  return router;
}

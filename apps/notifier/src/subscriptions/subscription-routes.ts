import express, { Router } from 'express';
import { parseSubscription } from '@fieldline/domain-notifications';
import { HttpProblem } from '@fieldline/platform-http';
import { publicView, type SubscriptionStore } from './subscription-store';

/**
 * Subscriptions over HTTP: `POST /v1/subscriptions` (the answer carries the signing secret, the
 * only time it is shown), `GET /v1/subscriptions`, `GET` and `DELETE /v1/subscriptions/:id`.
 */
export function subscriptionRoutes(store: SubscriptionStore): Router {
  const router = Router();
  router.post(
    '/v1/subscriptions',
    express.json({ limit: 64 * 1024, type: () => true }),
    async (request, response) => {
      const parsed = parseSubscription(request.body);
      if (!parsed.ok) {
        throw new HttpProblem(
          422,
          'Invalid subscription',
          `${parsed.problems[0]!.field}: ${parsed.problems[0]!.reason}`,
          {
            problems: parsed.problems,
          },
        );
      }
      const created = await store.create(parsed.value);
      response.status(201).location(`/v1/subscriptions/${created.id}`).json(created);
    },
  );
  router.get('/v1/subscriptions', async (_request, response) => {
    response.json({ subscriptions: (await store.all()).map(publicView) });
  });
  router.get('/v1/subscriptions/:id', async (request, response) => {
    const subscription = await store.get(request.params['id']!);
    if (!subscription)
      throw new HttpProblem(404, 'Unknown subscription', `No subscription ${request.params['id']}`);
    response.json(publicView(subscription));
  });
  router.delete('/v1/subscriptions/:id', async (request, response) => {
    if (!(await store.remove(request.params['id']!))) {
      throw new HttpProblem(404, 'Unknown subscription', `No subscription ${request.params['id']}`);
    }
    response.status(204).end();
  });
  return router;
}

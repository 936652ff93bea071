import express, { Router } from 'express';
import { v5 as nameBasedUuid } from 'uuid';
import { HttpProblem } from '@fieldline/platform-http';
import { acceptReadings } from '../observations/accept-readings';
import type { ObservationSink } from '../observations/observation-sink';
import { webhookAdapters } from './adapters';
import type { WebhookDeliveries } from './deliveries';
import { verifySignature } from './signature';

export interface WebhookRoutesOptions {
  readonly secrets: Readonly<Record<string, string>>;
  readonly toleranceSeconds: number;
  readonly maxBodyBytes: number;
}

/** Names the event ids of webhook readings: one delivery always yields the same ids. */
const webhookEventNamespace = '0b7c8a52-3f0e-4c55-9d43-4f1b0e7a3c21';

/**
 * `POST /v1/webhooks/:provider`: a signed delivery from a known provider. Verified before
 * anything is parsed, claimed once per delivery id, then accepted like any batch of readings.
 */
export function webhookRoutes(
  sink: ObservationSink,
  deliveries: WebhookDeliveries,
  options: WebhookRoutesOptions,
): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: options.maxBodyBytes });

  router.post('/v1/webhooks/:provider', raw, async (request, response) => {
    const provider = request.params['provider']!;
    const adapter = webhookAdapters.get(provider);
    const secret = options.secrets[provider];
    if (!adapter || !secret) {
      const configured = [...webhookAdapters.keys()].filter((name) => options.secrets[name]);
      throw new HttpProblem(
        404,
        'Unknown webhook provider',
        `"${provider}" is not a configured provider (configured: ${configured.join(', ') || 'none'})`,
      );
    }
    const rawBody: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    verifySignature(adapter.signedParts(request), rawBody, {
      secret,
      encoding: adapter.signatureEncoding,
      toleranceSeconds: options.toleranceSeconds,
      now: Date.now(),
    });
    const body = parseJson(rawBody);
    const delivery = adapter.deliveryId(request, body);
    if (!delivery.value) {
      throw new HttpProblem(
        400,
        'Missing delivery id',
        `${delivery.from} is required for replay protection`,
        {
          problems: [{ field: delivery.from, reason: 'is required' }],
        },
      );
    }
    const deliveryId = delivery.value;
    const claim = await deliveries.claim(provider, deliveryId);
    if (!claim.claimed && claim.state === 'pending') {
      // Another attempt of this delivery is still being written: the provider should retry.
      throw new HttpProblem(
        503,
        'Delivery in progress',
        `Delivery ${deliveryId} from ${provider} is being accepted by an earlier attempt; retry shortly`,
        { headers: { 'Retry-After': '2' } },
      );
    }
    if (!claim.claimed) {
      throw new HttpProblem(
        409,
        'Replayed delivery',
        `Delivery ${deliveryId} from ${provider} was already received at ${claim.receivedAt.toISOString()}`,
      );
    }
    try {
      const eventIds = await acceptReadings(sink, adapter.readings(body), {
        correlationId: `${provider}:${deliveryId}`,
        eventIdOf: (index) =>
          nameBasedUuid(`${provider}/${deliveryId}/${index}`, webhookEventNamespace),
      });
      await deliveries.accepted(provider, deliveryId);
      response.status(202).json({ accepted: eventIds.length, eventIds, deliveryId });
    } catch (error) {
      await deliveries.release(provider, deliveryId, claim.token);
      throw error;
    }
  });
  return router;
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw new HttpProblem(
      400,
      'Malformed JSON',
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

import express, { type Express } from 'express';
import { errorResponses, healthRoutes, type ReadinessCheck } from '@fieldline/platform-http';
import { importRoutes } from './imports/import-routes';
import type { ObservationSink } from './observations/observation-sink';
import { observationRoutes } from './observations/observation-routes';
import type { WebhookDeliveries } from './webhooks/deliveries';
import { webhookRoutes } from './webhooks/webhook-routes';
import type { GatewayConfig } from './config';

export interface GatewayParts {
  readonly sink: ObservationSink;
  readonly deliveries: WebhookDeliveries;
  readonly readiness: readonly ReadinessCheck[];
  readonly log: (message: string, fields: object) => void;
}

/** The gateway's HTTP surface: JSON ingest, signed webhooks, bulk imports, health. */
export function gatewayApp(config: GatewayConfig, parts: GatewayParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(parts.readiness));
  app.use(observationRoutes(parts.sink, config));
  app.use(
    webhookRoutes(parts.sink, parts.deliveries, {
      secrets: config.webhookSecrets,
      toleranceSeconds: config.webhookToleranceSeconds,
      maxBodyBytes: config.maxBodyBytes,
    }),
  );
  app.use(importRoutes(parts.sink, { chunkSize: config.importChunkSize }));
  app.use(errorResponses(parts.log));
  return app;
}

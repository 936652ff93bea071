import type { Express } from 'express';
import { serviceApp, type ReadinessCheck } from '@fieldline/platform-http';
import type { GatewayConfig } from './config';
import { importRoutes } from './imports/import-routes';
import type { ObservationSink } from './observations/observation-sink';
import { observationRoutes } from './observations/observation-routes';
import type { WebhookDeliveries } from './webhooks/deliveries';
import { webhookRoutes } from './webhooks/webhook-routes';

export interface GatewayParts {
  readonly sink: ObservationSink;
  readonly deliveries: WebhookDeliveries;
  readonly readiness: readonly ReadinessCheck[];
  readonly log: (message: string, fields: object) => void;
}

/** The gateway's HTTP surface: JSON ingest, signed webhooks, bulk imports, health. */
export function gatewayApp(config: GatewayConfig, parts: GatewayParts): Express {
  return serviceApp({
    readiness: parts.readiness,
    log: parts.log,
    routes: [
      observationRoutes(parts.sink, config),
      webhookRoutes(parts.sink, parts.deliveries, {
        secrets: config.webhookSecrets,
        toleranceSeconds: config.webhookToleranceSeconds,
        maxBodyBytes: config.maxBodyBytes,
      }),
      importRoutes(parts.sink, { chunkSize: config.importChunkSize }),
    ],
  });
}

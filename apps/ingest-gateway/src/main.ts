// First: telemetry must be running before http, express and pg load.
import { serviceName } from './instrument';
import { runService } from '@fieldline/platform-service';
import { gatewaySettings } from './config';
import { importRoutes } from './imports/import-routes';
import { ObservationSink } from './observations/observation-sink';
import { observationRoutes } from './observations/observation-routes';
import { WebhookDeliveries } from './webhooks/deliveries';
import { webhookRoutes } from './webhooks/webhook-routes';

runService({
  name: serviceName,
  defaultPort: 8080,
  settings: gatewaySettings,
  compose: async ({ config, runtime, pool }) => {
    const deliveries = new WebhookDeliveries(pool);
    await deliveries.ensureSchema();
    const purge = setInterval(
      () =>
        void deliveries
          .purgeOlderThan(2 * config.webhookToleranceSeconds * 1000)
          .catch(() => undefined),
      60_000,
    );
    purge.unref();
    const sink = new ObservationSink(runtime.publisher({ lingerMs: 2 }));
    return {
      routes: [
        observationRoutes(sink, config),
        webhookRoutes(sink, deliveries, {
          secrets: config.webhookSecrets,
          toleranceSeconds: config.webhookToleranceSeconds,
          maxBodyBytes: config.maxBodyBytes,
        }),
        importRoutes(sink, { chunkSize: config.importChunkSize }),
      ],
    };
  },
});

import { Pool } from 'pg';
import { KafkaRuntime, stopOnSignals } from '@fieldline/platform-kafka';
import { listen } from '@fieldline/platform-http';
import { gatewayConfig } from './config';
import { gatewayApp } from './gateway-app';
import { ObservationSink } from './observations/observation-sink';
import { WebhookDeliveries } from './webhooks/deliveries';

const log = (message: string, fields: object = {}) =>
  process.stderr.write(
    `${JSON.stringify({ level: 'info', service: 'ingest-gateway', message, ...fields })}\n`,
  );

async function main(): Promise<void> {
  const config = gatewayConfig();
  const runtime = new KafkaRuntime({
    app: 'ingest-gateway',
    brokers: config.kafkaBrokers,
    schemaRegistryUrl: config.schemaRegistryUrl,
    autoRegisterSchemas: config.autoRegisterSchemas === 'true',
  });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 5 });
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

  const app = gatewayApp(config, {
    sink: new ObservationSink(runtime.publisher({ lingerMs: 2 })),
    deliveries,
    log: (message, fields) => log(message, fields),
    readiness: [
      ...runtime.readiness(),
      { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
    ],
  });
  const server = await listen(app, config.port);
  log('listening', { url: server.url });
  stopOnSignals([server, runtime, { stop: async () => (await pool.end(), true) }]);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ingest-gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

import { Router } from 'express';
import { Pool } from 'pg';
import { listen, serviceApp } from '@fieldline/platform-http';
import { KafkaRuntime, stopOnSignals } from '@fieldline/platform-kafka';
import { notifierConfig } from './config';
import { DeliveryLedger } from './delivery/delivery-ledger';
import { deliverStage } from './delivery/deliver-stage';
import { EmailSender } from './delivery/email-sender';
import { evaluateStage } from './evaluation/evaluate-stage';
import { NotificationLedger } from './evaluation/notification-ledger';
import { StreamHub } from './stream/stream-hub';
import { streamRoutes } from './stream/stream-routes';
import { SubscriptionStore } from './subscriptions/subscription-store';
import { subscriptionRoutes } from './subscriptions/subscription-routes';

const app = 'notifier';
const log = (level: 'info' | 'warn' | 'error', message: string, fields: object = {}) =>
  process.stderr.write(`${JSON.stringify({ level, service: app, message, ...fields })}\n`);

async function main(): Promise<void> {
  const config = notifierConfig();
  const runtime = new KafkaRuntime({
    app,
    brokers: config.kafkaBrokers,
    schemaRegistryUrl: config.schemaRegistryUrl,
    log,
  });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 8 });
  const subscriptions = new SubscriptionStore(pool);
  const notifications = new NotificationLedger(pool);
  const deliveries = new DeliveryLedger(pool);
  await subscriptions.ensureSchema();
  await notifications.ensureSchema();
  await deliveries.ensureSchema();
  const email = new EmailSender(config.smtpUrl, config.mailFrom);

  const evaluate = evaluateStage(runtime, subscriptions, notifications, app);
  const deliver = deliverStage(runtime, {
    subscriptions,
    ledger: deliveries,
    email,
    failures: runtime.publisher({ lingerMs: 0 }),
    webhookTimeoutMs: config.webhookTimeoutMs,
    groupId: `${app}.delivery`,
  });
  const hub = new StreamHub(runtime, subscriptions);
  await Promise.all([evaluate.start(), deliver.start(), hub.start()]);

  const stats = Router().get('/stats', (_request, response) => {
    response.json({ evaluate: evaluate.stats(), deliver: deliver.stats() });
  });
  const http = serviceApp({
    readiness: [
      ...runtime.readiness(),
      { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
    ],
    routes: [subscriptionRoutes(subscriptions), streamRoutes(hub), stats],
    log: (message, fields) => log('error', message, fields),
  });
  const server = await listen(http, config.port);
  log('info', 'running', { url: server.url });
  stopOnSignals([
    hub,
    server,
    runtime,
    {
      stop: async () => {
        email.close();
        await pool.end();
        return true;
      },
    },
  ]);
}

main().catch((error: unknown) => {
  log('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});

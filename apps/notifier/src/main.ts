// First: telemetry must be running before http, express and pg load.
import { serviceName } from './instrument';
import { runService } from '@fieldline/platform-service';
import { notifierSettings } from './config';
import { DeliveryLedger } from './delivery/delivery-ledger';
import { deliverStage } from './delivery/deliver-stage';
import { EmailSender } from './delivery/email-sender';
import { evaluateStage } from './evaluation/evaluate-stage';
import { NotificationLedger } from './evaluation/notification-ledger';
import { StreamHub } from './stream/stream-hub';
import { streamRoutes } from './stream/stream-routes';
import { SubscriptionStore } from './subscriptions/subscription-store';
import { subscriptionRoutes } from './subscriptions/subscription-routes';

runService({
  name: serviceName,
  defaultPort: 8084,
  settings: notifierSettings,
  compose: async ({ name, config, runtime, pool }) => {
    const subscriptions = new SubscriptionStore(pool);
    const notifications = new NotificationLedger(pool, runtime.group(name));
    const deliveries = new DeliveryLedger(pool);
    await subscriptions.ensureSchema();
    await notifications.ensureSchema();
    await deliveries.ensureSchema();
    const email = new EmailSender(config.smtpUrl, config.mailFrom);
    const hub = new StreamHub(runtime, subscriptions, config.streamReplayFrames);
    return {
      stages: {
        evaluate: evaluateStage(runtime, subscriptions, notifications, runtime.group(name)),
        deliver: deliverStage(runtime, {
          subscriptions,
          ledger: deliveries,
          email,
          failures: runtime.publisher({ lingerMs: 0 }),
          webhookTimeoutMs: config.webhookTimeoutMs,
          groupId: runtime.group(`${name}.delivery`),
        }),
      },
      parts: [hub, { stop: async () => (email.close(), true) }],
      routes: [subscriptionRoutes(subscriptions), streamRoutes(hub)],
    };
  },
});

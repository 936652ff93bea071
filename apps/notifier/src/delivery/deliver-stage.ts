import type { NotificationRequested } from '@fieldline/contracts';
import type { HandledEvent, KafkaRuntime, Publisher } from '@fieldline/platform-kafka';
import { FieldlineError } from '@fieldline/shared-errors';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { DeliveryLedger } from './delivery-ledger';
import type { EmailSender } from './email-sender';
import { signedMessage } from './signed-message';
import { sendWebhook } from './webhook-sender';

export interface DeliverStageParts {
  readonly subscriptions: SubscriptionStore;
  readonly ledger: DeliveryLedger;
  readonly email: EmailSender;
  /** Writes NotificationFailed at once: a failed attempt's own outputs are discarded. */
  readonly failures: Publisher;
  readonly webhookTimeoutMs: number;
  readonly groupId: string;
}

type Requested = HandledEvent<'dev.fieldline.notifications.NotificationRequested'>;

/**
 * NotificationRequested in; the notification sent on its channel and NotificationDelivered or
 * NotificationFailed out. A failed send is retried by the runtime (in process with backoff,
 * then the retry topics) and lands in the dead-letter topic when retries run out.
 */
export function deliverStage(runtime: KafkaRuntime, parts: DeliverStageParts) {
  const deliver = async (handled: Requested) => {
    const notification = handled.event;
    const subscription = await parts.subscriptions.get(notification.subscriptionId);
    if (!subscription || (await parts.ledger.wasDelivered(notification.notificationId))) return;
    const channel = notification.channel;
    let responseStatus: number | null = null;
    try {
      const message = signedMessage(notification, subscription.secret);
      if (channel === 'WEBHOOK') {
        responseStatus = await sendWebhook(
          subscription.target,
          notification.notificationId,
          message,
          {
            timeoutMs: parts.webhookTimeoutMs,
            signal: handled.signal,
          },
        );
      } else if (channel === 'EMAIL') {
        await parts.email.send(
          subscription.target,
          notification.title,
          notification.notificationId,
          message,
        );
      } else if (channel !== 'STREAM') {
        throw new FieldlineError(
          'PERMANENT_FAILURE',
          `channel ${channel} is not one this notifier delivers to`,
        );
      }
      // A stream notification is pushed to listeners by every instance's stream hub.
    } catch (error) {
      await recordFailure(parts.failures, notification, handled.attempt, error);
      throw error;
    }
    const deliveredAt = await parts.ledger.delivered(
      notification.notificationId,
      channel,
      handled.attempt,
      responseStatus,
    );
    await handled.publish(
      'notifications',
      { subscriptionId: notification.subscriptionId },
      {
        type: 'dev.fieldline.notifications.NotificationDelivered',
        notificationId: notification.notificationId,
        subscriptionId: notification.subscriptionId,
        channel,
        attempt: handled.attempt,
        deliveredAt: deliveredAt.getTime(),
        responseStatus,
      },
    );
  };
  return runtime
    .consumer({
      groupId: parts.groupId,
      topics: ['notifications'],
      defaultDeadlineMs: parts.webhookTimeoutMs * 2,
    })
    .on('dev.fieldline.notifications.NotificationRequested', deliver);
}

async function recordFailure(
  failures: Publisher,
  notification: NotificationRequested,
  attempt: number,
  error: unknown,
) {
  await failures
    .publish(
      'notifications',
      { subscriptionId: notification.subscriptionId },
      {
        type: 'dev.fieldline.notifications.NotificationFailed',
        notificationId: notification.notificationId,
        subscriptionId: notification.subscriptionId,
        channel: notification.channel,
        attempt,
        reason: error instanceof Error ? error.message : String(error),
        retriable: error instanceof FieldlineError && error.retriable,
        failedAt: Date.now(),
      },
    )
    .catch(() => undefined);
}

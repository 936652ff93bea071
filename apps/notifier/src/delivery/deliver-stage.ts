import type { NotificationRequested } from '@fieldline/contracts';
import type { HandledEvent, KafkaRuntime, Publisher } from '@fieldline/platform-kafka';
import { FieldlineError } from '@fieldline/shared-errors';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import { v5 as nameBasedUuid } from 'uuid';
import type { Delivery, DeliveryLedger } from './delivery-ledger';
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

const deliveredNamespace = 'a4f1c9e2-7b3d-4e8a-9c5f-1d2e3f4a5b6c';

/**
 * NotificationRequested in; the notification sent on its channel and NotificationDelivered or
 * NotificationFailed out. A failed send is retried by the runtime (in process with backoff,
 * then the retry topics) and lands in the dead-letter topic when retries run out.
 */
export function deliverStage(runtime: KafkaRuntime, parts: DeliverStageParts) {
  const deliver = async (handled: Requested) => {
    const notification = handled.event;
    const subscription = await parts.subscriptions.get(notification.subscriptionId);
    if (!subscription) return;
    const earlier = await parts.ledger.deliveryOf(notification.notificationId);
    if (earlier) {
      // Delivered before, perhaps without its event being written: never sent twice, the
      // event written (again, under the same id).
      await publishDelivered(handled, earlier);
      return;
    }
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
    // The send succeeded: recording it must not fail the attempt, which would send again.
    const delivery = await withRetries(() =>
      parts.ledger.delivered(notification.notificationId, channel, handled.attempt, responseStatus),
    );
    await publishDelivered(handled, delivery);
  };
  return runtime
    .consumer({
      groupId: parts.groupId,
      topics: ['notifications'],
      defaultDeadlineMs: parts.webhookTimeoutMs * 2,
    })
    .on('dev.fieldline.notifications.NotificationRequested', deliver);
}

async function publishDelivered(handled: Requested, delivery: Delivery): Promise<void> {
  const notification = handled.event;
  await handled.publish(
    'notifications',
    { subscriptionId: notification.subscriptionId },
    {
      type: 'dev.fieldline.notifications.NotificationDelivered',
      notificationId: notification.notificationId,
      subscriptionId: notification.subscriptionId,
      channel: notification.channel,
      attempt: delivery.attempt,
      deliveredAt: delivery.deliveredAt.getTime(),
      responseStatus: delivery.responseStatus,
    },
    { eventId: nameBasedUuid(`${notification.notificationId}#delivered`, deliveredNamespace) },
  );
}

async function withRetries<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
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

import { matchSubscription, type Notifiable } from '@fieldline/domain-notifications';
import type { HandledEvent, KafkaRuntime } from '@fieldline/platform-kafka';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { NotificationLedger } from './notification-ledger';
import {
  fieldStateNotifiable,
  patternNotifiable,
  relationshipNotifiable,
} from './notifiable-events';

/**
 * Patterns, field states and relationships in; NotificationRequested out, keyed by subscription.
 * At least once, with stable notification ids: a redelivered event publishes the same
 * notifications again, which the delivery stage recognises.
 */
export function evaluateStage(
  runtime: KafkaRuntime,
  subscriptions: SubscriptionStore,
  ledger: NotificationLedger,
  groupId: string,
) {
  const evaluate = async (handled: HandledEvent, notifiable: Notifiable | undefined) => {
    if (!notifiable) return;
    const matches = (await subscriptions.all()).flatMap((subscription) => {
      const match = matchSubscription(subscription, notifiable);
      return match ? [{ subscription, match }] : [];
    });
    const notifications = await ledger.evaluate(notifiable.eventId, notifiable.at, matches);
    for (const { occurredAt, ...notification } of notifications) {
      await handled.publish(
        'notifications',
        { subscriptionId: notification.subscriptionId },
        { type: 'dev.fieldline.notifications.NotificationRequested', ...notification },
        { eventId: notification.notificationId, occurredAt },
      );
    }
  };
  return runtime
    .consumer({ groupId, topics: ['patterns', 'field-states', 'relationships'] })
    .on('dev.fieldline.patterns.PatternDetected', (handled) =>
      evaluate(handled, patternNotifiable(handled.event)),
    )
    .on('dev.fieldline.patterns.PatternEvolved', (handled) =>
      evaluate(handled, patternNotifiable(handled.event)),
    )
    .on('dev.fieldline.fieldstates.FieldStateUpdated', (handled) =>
      evaluate(handled, fieldStateNotifiable(handled.event)),
    )
    .on('dev.fieldline.relationships.RelationshipFormed', (handled) =>
      evaluate(handled, relationshipNotifiable(handled.event)),
    )
    .on('dev.fieldline.relationships.RelationshipChanged', (handled) =>
      evaluate(handled, relationshipNotifiable(handled.event)),
    );
}

import { signPayload } from '@fieldline/shared-signing';
import type { NotificationRequested } from '@fieldline/contracts';

/** What a subscriber receives, on any channel, and the signature that proves it came from us. */
export interface SignedMessage {
  /** The JSON body, exactly as signed. */
  readonly body: string;
  /** Unix seconds, part of what is signed. */
  readonly timestamp: string;
  /** `sha256=<hex>` of HMAC-SHA256(subscription secret, `<timestamp>.<body>`). */
  readonly signature: string;
}

export function signedMessage(
  notification: NotificationRequested,
  secret: string,
  now = Date.now(),
): SignedMessage {
  const body = JSON.stringify({
    notificationId: notification.notificationId,
    subscriptionId: notification.subscriptionId,
    severity: notification.severity,
    title: notification.title,
    body: notification.body,
    regionId: notification.regionId,
    triggerEventId: notification.triggerEventId,
    dedupKey: notification.dedupKey,
    occurredAt: new Date(notification.envelope.occurredAt).toISOString(),
  });
  const timestamp = String(Math.floor(now / 1000));
  return { body, timestamp, signature: `sha256=${signPayload(secret, timestamp, body)}` };
}

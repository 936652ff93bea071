import type { NotificationRequested } from '@fieldline/contracts';
import { signatureMatches, signPayload } from '@fieldline/shared-signing';
import { signedMessage } from './signed-message';

const notification: NotificationRequested = {
  envelope: {
    eventId: 'n1',
    eventType: 'dev.fieldline.notifications.NotificationRequested',
    schemaVersion: 1,
    occurredAt: Date.parse('2026-07-01T12:00:00Z'),
    producer: 'notifier',
    correlationId: 'c',
    causationId: 'e',
  },
  notificationId: 'n1',
  subscriptionId: 's1',
  dedupKey: 'relationship:r1',
  severity: 'CRITICAL',
  channel: 'WEBHOOK',
  title: 'amplifies between patterns in r-02-02 and r-02-03',
  body: 'Patterns amplify each other.',
  triggerEventId: 'e',
  regionId: 'r-02-02',
};

describe('signedMessage', () => {
  it('signs exactly the body it sends, so a subscriber with the secret can verify it', () => {
    const message = signedMessage(notification, 'secret', 1_800_000_000_000);
    expect(message.timestamp).toBe('1800000000');
    const expected = `sha256=${signPayload('secret', message.timestamp, message.body)}`;
    expect(signatureMatches(expected, message.signature)).toBe(true);
    expect(JSON.parse(message.body)).toMatchObject({
      notificationId: 'n1',
      severity: 'CRITICAL',
      occurredAt: '2026-07-01T12:00:00.000Z',
    });
  });

  it('signs differently for another subscription secret', () => {
    expect(signedMessage(notification, 'a', 0).signature).not.toBe(
      signedMessage(notification, 'b', 0).signature,
    );
  });
});

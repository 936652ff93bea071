import type { Response } from 'express';
import type { NotificationRequested } from '@fieldline/contracts';
import type { KafkaRuntime, TopicTail } from '@fieldline/platform-kafka';
import { signedMessage } from '../delivery/signed-message';
import type { SubscriptionStore } from '../subscriptions/subscription-store';

/**
 * The live Server-Sent-Events streams. Every instance follows the notifications topic itself,
 * so a listener gets every notification of its stream whichever instance it is connected to.
 */
export class StreamHub {
  private readonly listeners = new Map<string, Set<Response>>();
  private readonly recent = new Set<string>();
  private readonly tail: TopicTail;
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly subscriptions: SubscriptionStore,
  ) {
    this.tail = runtime.tail();
  }

  async start(): Promise<void> {
    await this.tail.start(this.runtime.topics.physical('notifications'), {}, async (record) => {
      if (record.type !== 'dev.fieldline.notifications.NotificationRequested') return;
      const notification = record.event as NotificationRequested;
      if (notification.channel !== 'STREAM' || this.recent.has(notification.notificationId)) return;
      // A failure here (the database is away) makes the tail read the record again.
      const subscription = await this.subscriptions.get(notification.subscriptionId);
      if (!subscription) return;
      this.remember(notification.notificationId);
      const message = signedMessage(notification, subscription.secret);
      const frame =
        `id: ${notification.notificationId}\nevent: notification\n` +
        `data: ${JSON.stringify({ timestamp: message.timestamp, signature: message.signature, body: message.body })}\n\n`;
      for (const listener of this.listeners.get(subscription.target) ?? []) listener.write(frame);
    });
    this.keepAlive = setInterval(() => {
      for (const listeners of this.listeners.values())
        for (const listener of listeners) listener.write(': keep-alive\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  /** Holds the response open as an event stream until the client goes away. */
  listen(stream: string, response: Response): void {
    response.status(200).set({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.flushHeaders();
    response.write(`: listening to ${stream}\n\n`);
    let listeners = this.listeners.get(stream);
    if (!listeners) this.listeners.set(stream, (listeners = new Set()));
    listeners.add(response);
    response.on('close', () => listeners.delete(response));
  }

  async stop(): Promise<boolean> {
    clearInterval(this.keepAlive);
    for (const listeners of this.listeners.values())
      for (const listener of listeners) listener.end();
    return this.tail.stop();
  }

  /** Records redelivered to the topic carry the same id: each is streamed once. */
  private remember(notificationId: string): void {
    this.recent.add(notificationId);
    if (this.recent.size > 10_000) this.recent.delete(this.recent.values().next().value!);
  }
}

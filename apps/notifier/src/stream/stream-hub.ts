import type { Response } from 'express';
import type { NotificationRequested } from '@fieldline/contracts';
import type { KafkaRuntime, TopicTail } from '@fieldline/platform-kafka';
import { signedMessage } from '../delivery/signed-message';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import { ReplayBuffer } from './replay-buffer';
import { ClientPosition, type StreamCursor } from './stream-cursor';

/** One open stream, and how far into the notifications topic its client has got. */
interface Listener {
  readonly response: Response;
  readonly position: ClientPosition;
}

/**
 * The live Server-Sent-Events streams. Every instance follows the notifications topic itself,
 * so a listener gets every notification of its stream whichever instance it is connected to.
 * A frame's id says how far into the topic its client has got, per partition (a StreamCursor);
 * a client that reconnects with it as `Last-Event-ID`, to any instance, first gets the frames
 * it missed, and never one it had.
 */
export class StreamHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly recent = new Set<string>();
  private readonly tail: TopicTail;
  private readonly replay: ReplayBuffer;
  /** The last offset read in each partition of the notifications topic. */
  private readonly read = new Map<number, bigint>();
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly subscriptions: SubscriptionStore,
    /** Frames kept for clients that reconnect, across all streams. */
    replayFrames: number,
  ) {
    this.tail = runtime.tail();
    this.replay = new ReplayBuffer(replayFrames);
  }

  async start(): Promise<void> {
    const topic = this.runtime.topics.physical('notifications');
    // From exactly the end as it is now, so the hub knows where it began in every partition.
    const from = await this.tail.endOffsets(topic);
    for (const [partition, offset] of from) {
      this.read.set(partition, BigInt(offset) - 1n);
      this.replay.begin(partition, BigInt(offset));
    }
    await this.tail.start(topic, { fromOffsets: from }, async (record) => {
      const offset = BigInt(record.offset);
      const frame = await this.frameOf(record.type, record.event);
      // A failure above (the database is away) makes the tail read the record again.
      this.read.set(record.partition, offset);
      if (!frame) return;
      const sent = { ...frame, partition: record.partition, offset };
      this.replay.add(sent);
      for (const listener of this.listeners.get(frame.stream) ?? []) {
        this.send(listener, sent, { caughtUp: true });
      }
    });
    this.keepAlive = setInterval(() => {
      for (const listeners of this.listeners.values())
        for (const { response } of listeners) response.write(': keep-alive\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  /**
   * Holds the response open as an event stream until the client goes away. With `lastSeen`
   * (the id of the last frame the client had), the frames it missed come first; if some are no
   * longer held here, or the id is not one this service gives, a `replay-incomplete` event
   * says so before them.
   */
  listen(stream: string, response: Response, lastSeen?: StreamCursor | 'unreadable'): void {
    response.status(200).set({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.flushHeaders();
    response.write(`: listening to ${stream}\n\n`);
    const listener: Listener = {
      response,
      position: new ClientPosition(typeof lastSeen === 'object' ? lastSeen : this.read),
    };
    if (lastSeen) {
      const missed =
        lastSeen === 'unreadable'
          ? { frames: [], complete: false }
          : this.replay.after(stream, lastSeen);
      if (!missed.complete) {
        const reason =
          lastSeen === 'unreadable'
            ? 'Last-Event-ID is not a position this service gives (partition:offset pairs)'
            : 'some notifications since Last-Event-ID are no longer held for replay';
        response.write(`event: replay-incomplete\ndata: ${JSON.stringify({ reason })}\n\n`);
      }
      for (const frame of missed.frames) this.send(listener, frame, { caughtUp: false });
    }
    // An id without data moves the client's Last-Event-ID on without an event: whatever this
    // instance has read, the client now has.
    listener.position.catchUp(this.read);
    response.write(`id: ${listener.position.id()}\n\n`);
    let listeners = this.listeners.get(stream);
    if (!listeners) this.listeners.set(stream, (listeners = new Set()));
    listeners.add(listener);
    response.on('close', () => listeners.delete(listener));
  }

  async stop(): Promise<boolean> {
    clearInterval(this.keepAlive);
    for (const listeners of this.listeners.values())
      for (const { response } of listeners) response.end();
    return this.tail.stop();
  }

  /**
   * Writes a frame the client has not had, with the id of how far it has got then. `caughtUp`:
   * the client has had every frame this instance read before this one (a live frame, not one
   * replayed), so it has got as far as the instance has read.
   */
  private send(
    listener: Listener,
    frame: { readonly partition: number; readonly offset: bigint; readonly text: string },
    { caughtUp }: { readonly caughtUp: boolean },
  ): void {
    if (!listener.position.take(frame.partition, frame.offset)) return;
    if (caughtUp) listener.position.catchUp(this.read);
    listener.response.write(`id: ${listener.position.id()}\n${frame.text}`);
  }

  /** The frame a record becomes on its stream, without its id; undefined for none. */
  private async frameOf(
    type: string | undefined,
    event: unknown,
  ): Promise<{ readonly stream: string; readonly text: string } | undefined> {
    if (type !== 'dev.fieldline.notifications.NotificationRequested') return undefined;
    const notification = event as NotificationRequested;
    if (notification.channel !== 'STREAM' || this.recent.has(notification.notificationId)) {
      return undefined;
    }
    const subscription = await this.subscriptions.get(notification.subscriptionId);
    if (!subscription) return undefined;
    this.remember(notification.notificationId);
    const message = signedMessage(notification, subscription.secret);
    return {
      stream: subscription.target,
      text:
        `event: notification\n` +
        `data: ${JSON.stringify({ timestamp: message.timestamp, signature: message.signature, body: message.body })}\n\n`,
    };
  }

  /** Records redelivered to the topic carry the same id: each is streamed once. */
  private remember(notificationId: string): void {
    this.recent.add(notificationId);
    if (this.recent.size > 10_000) this.recent.delete(this.recent.values().next().value!);
  }
}

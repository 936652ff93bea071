import type { TopicKey, TopicName } from '@fieldline/contracts';
import { finishesWithin } from '../consume/deadline';
import type { HandledEvent } from '../consume/handled-event';
import type { OutgoingRecord, ProducerPort } from '../port/broker-port';
import { replyAddressOf, replyHeaders } from '../request-reply/reply-headers';
import type {
  BatchEntry,
  EventWriter,
  OutgoingEvent,
  PreparedRecord,
  PublishedEvent,
  PublishOptions,
} from './event-writer';
import { RecordBatcher, type BatchingSettings } from './record-batcher';

/** What became of each event of a publishEach, by its position in the batch. */
export interface EachPublished {
  /** Each event written, at its position; undefined where it failed. */
  readonly published: readonly (PublishedEvent | undefined)[];
  /** The events not written, in order: invalid, refused by Kafka, or a failed send. */
  readonly failures: readonly { readonly index: number; readonly error: unknown }[];
}

/**
 * Publishes typed events: idempotent, acks=all, batched by linger time and size. A publish
 * resolves once the event is durably written and rejects with a typed FieldlineError
 * (VALIDATION_FAILED, BROKER_UNAVAILABLE, PUBLISH_REJECTED...) otherwise; nothing is dropped.
 */
export class Publisher {
  private readonly batcher: RecordBatcher;
  private connected: Promise<void> | undefined;

  constructor(
    private readonly producer: ProducerPort,
    private readonly writer: EventWriter,
    batching: BatchingSettings,
  ) {
    this.batcher = new RecordBatcher(producer, batching);
  }

  async publish<T extends TopicName>(
    topic: T,
    key: TopicKey<T>,
    event: OutgoingEvent<T>,
    options?: PublishOptions,
  ): Promise<PublishedEvent> {
    const [prepared] = await Promise.all([
      this.writer.prepare(topic, key, event, options),
      this.connect(),
    ]);
    await this.batcher.add(prepared.record);
    return prepared.published;
  }

  /**
   * Answers a request (an event a Requester sent): publishes `event` to the reply topic the
   * request names, marked as the reply to it. Type the reply topic, e.g. `reply<'field-states'>`.
   * Rejects with PERMANENT_FAILURE when the handled event is no request.
   */
  async reply<R extends TopicName>(
    request: Pick<HandledEvent, 'headers' | 'event'>,
    key: TopicKey<R>,
    event: OutgoingEvent<R>,
    options: Omit<PublishOptions, 'headers'> = {},
  ): Promise<PublishedEvent> {
    const requestId = request.event.envelope.eventId;
    const address = replyAddressOf(request.headers, requestId);
    return this.publish(address.topic as R, key, event, {
      ...options,
      headers: { [replyHeaders.inReplyTo]: address.requestId },
    });
  }

  /**
   * Publishes many events of one topic in one request, without waiting for the linger time.
   * All of them are validated and encoded before any is sent.
   */
  async publishBatch<T extends TopicName>(
    topic: T,
    entries: readonly BatchEntry<T>[],
  ): Promise<PublishedEvent[]> {
    const [prepared] = await Promise.all([this.writer.prepareAll(topic, entries), this.connect()]);
    await this.batcher.sendAll(prepared.map((entry) => entry.record));
    return prepared.map((entry) => entry.published);
  }

  /**
   * Publishes many events of one topic in one request, without waiting for the linger time,
   * each on its own: an invalid event, or one Kafka did not write, fails alone. Resolves once
   * every event has been written or has failed, each failure in `failures`; it does not reject,
   * not even when the producer cannot connect.
   */
  async publishEach<T extends TopicName>(
    topic: T,
    entries: readonly BatchEntry<T>[],
  ): Promise<EachPublished> {
    const [prepared, unconnected] = await Promise.all([
      this.writer.prepareEach(topic, entries),
      // Not connected: every event that was valid fails with the reason, none goes missing.
      this.connect().then(
        () => undefined,
        (error: unknown) => ({ error }),
      ),
    ]);
    const published: (PublishedEvent | undefined)[] = new Array<undefined>(entries.length);
    const failures: { index: number; error: unknown }[] = [];
    const records: OutgoingRecord[] = [];
    const positions: number[] = [];
    prepared.forEach((entry, index) => {
      if ('error' in entry) {
        failures.push({ index, error: entry.error });
        return;
      }
      if (unconnected) {
        failures.push({ index, error: unconnected.error });
        return;
      }
      records.push(entry.record);
      positions.push(index);
    });
    const unwritten = await this.batcher.sendEach(records);
    positions.forEach((index, sent) => {
      if (unwritten.has(sent)) failures.push({ index, error: unwritten.get(sent) });
      else published[index] = (prepared[index] as PreparedRecord).published;
    });
    failures.sort((a, b) => a.index - b.index);
    return { published, failures };
  }

  /** Sends whatever is waiting for its linger time and waits for every send to finish. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  /** Flushes and disconnects; resolves false when that took longer than `deadlineMs`. */
  stop(deadlineMs = 30_000): Promise<boolean> {
    return finishesWithin(deadlineMs, () => this.close());
  }

  async close(): Promise<void> {
    await this.batcher.flush();
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }

  private connect(): Promise<void> {
    if (!this.connected) {
      this.connected = this.producer.connect();
      this.connected.catch(() => (this.connected = undefined));
    }
    return this.connected;
  }
}

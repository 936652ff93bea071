import { randomUUID } from 'node:crypto';
import type { EventsByName, TopicEventName, TopicKey, TopicName } from '@fieldline/contracts';
import type { AvroSerde } from '@fieldline/platform-registry';
import { FieldlineError } from '@fieldline/shared-errors';
import { privateReaderSettings } from '../consume/private-reader';
import type { BrokerPort, ConsumerPort, IncomingRecord } from '../port/broker-port';
import type { OutgoingEvent, PublishOptions } from '../publish/event-writer';
import type { Publisher } from '../publish/publisher';
import type { TopicNames } from '../topics/topic-names';
import { replyHeaders } from './reply-headers';

export interface RequesterOptions<R extends TopicName> {
  /** The catalog topic responders publish replies to. */
  readonly replyTopic: R;
  /** How long a request waits for its reply unless it says otherwise. Default 10 s. */
  readonly defaultTimeoutMs?: number;
}

export interface RequestOptions extends Omit<PublishOptions, 'eventId'> {
  readonly timeoutMs?: number;
}

/** A decoded reply: one of the reply topic's events. */
export type Reply<R extends TopicName> = {
  [N in TopicEventName<R>]: {
    readonly type: N;
    readonly event: EventsByName[N];
    readonly requestId: string;
  };
}[TopicEventName<R>];

export interface RequesterDependencies {
  readonly broker: BrokerPort;
  readonly serde: AvroSerde;
  readonly topics: TopicNames;
  readonly publisher: Publisher;
  readonly clientId: string;
}

interface Pending {
  readonly resolve: (reply: Reply<TopicName>) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Request/response over topics. A request is an ordinary event with a reply-to header naming
 * the reply topic; a responder answers with `publisher.reply(handled, key, event)`, which
 * copies the request's event id into the reply. Each requester instance reads the whole reply
 * topic in a consumer group of its own, from the moment it started, and keeps the replies whose
 * request it is waiting for; a reply that comes after its request timed out is dropped.
 */
export class Requester<R extends TopicName> {
  private readonly pending = new Map<string, Pending>();
  private consumer: ConsumerPort | undefined;

  constructor(
    private readonly deps: RequesterDependencies,
    private readonly options: RequesterOptions<R>,
  ) {}

  /** Resolves once the reply topic is being read, so no reply to a later request is missed. */
  async start(): Promise<void> {
    let listening!: () => void;
    const ready = new Promise<void>((resolve) => (listening = resolve));
    let joined = false;
    this.consumer = this.deps.broker.consumer(
      privateReaderSettings({
        clientId: this.deps.clientId,
        groupId: `${this.deps.clientId}.replies.${randomUUID()}`,
        fromBeginning: false,
      }),
      {
        onGroupJoin: () => (joined = true),
        // The first fetch after joining fixed the position at the end of every partition.
        onFetch: () => joined && listening(),
      },
    );
    await this.consumer.connect();
    await this.consumer.subscribe([this.deps.topics.physical(this.options.replyTopic)]);
    await this.consumer.run(async (batch, control) => {
      for (const record of batch.records) {
        await this.settle(record);
        // Nothing is committed, but the handled position is where the next fetch starts.
        control.markHandled(record.offset);
      }
    });
    await ready;
  }

  /** Publishes `event` as a request and resolves with its reply, or rejects on timeout. */
  async request<T extends TopicName>(
    topic: T,
    key: TopicKey<T>,
    event: OutgoingEvent<T>,
    options: RequestOptions = {},
  ): Promise<Reply<R>> {
    if (!this.consumer) {
      throw new FieldlineError(
        'CONFIG_INVALID',
        'The requester is not running: start it before sending requests',
      );
    }
    const requestId = randomUUID();
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? 10_000;
    const reply = new Promise<Reply<R>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(
          new FieldlineError(
            'REQUEST_TIMEOUT',
            `No reply to ${event.type} ${requestId} on ${this.options.replyTopic} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.pending.set(requestId, {
        resolve: resolve as (reply: Reply<TopicName>) => void,
        reject,
        timer,
      });
    });
    // The timeout may fire while the request is still being published.
    reply.catch(() => undefined);
    try {
      await this.deps.publisher.publish(topic, key, event, {
        ...options,
        eventId: requestId,
        headers: { ...options.headers, [replyHeaders.replyTo]: this.options.replyTopic },
      });
    } catch (error) {
      this.forget(requestId);
      throw error;
    }
    return reply;
  }

  async stop(): Promise<boolean> {
    const consumer = this.consumer;
    this.consumer = undefined;
    for (const requestId of [...this.pending.keys()]) {
      this.forget(requestId)?.reject(
        new FieldlineError(
          'REQUEST_TIMEOUT',
          `The requester stopped before ${requestId} was answered`,
        ),
      );
    }
    await consumer?.stop();
    await consumer?.disconnect();
    return true;
  }

  private async settle(record: IncomingRecord): Promise<void> {
    const requestId = record.headers[replyHeaders.inReplyTo];
    if (!requestId || !this.pending.has(requestId)) return;
    let decoded;
    try {
      decoded = await this.deps.serde.decode(record.value, record);
    } catch (error) {
      this.forget(requestId)?.reject(error as Error);
      return;
    }
    this.forget(requestId)?.resolve({
      type: decoded.recordName,
      event: decoded.value,
      requestId,
    } as Reply<TopicName>);
  }

  private forget(requestId: string): Pending | undefined {
    const pending = this.pending.get(requestId);
    this.pending.delete(requestId);
    if (pending) clearTimeout(pending.timer);
    return pending;
  }
}

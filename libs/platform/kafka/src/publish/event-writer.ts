import { randomUUID } from 'node:crypto';
import {
  eventVersions,
  recordSchemas,
  type Envelope,
  type EventName,
  type EventsByName,
  type TopicEventName,
  type TopicKey,
  type TopicName,
} from '@fieldline/contracts';
import { FieldlineError } from '@fieldline/shared-errors';
import type { AvroSerde } from '@fieldline/platform-registry';
import { currentHandling } from '../envelope/handling-context';
import { identityHeaders } from '../envelope/event-headers';
import { injectTraceContext } from '../envelope/trace-context';
import type { OutgoingRecord } from '../port/broker-port';
import type { TopicNames } from '../topics/topic-names';

/** An event for `T`: one of the topic's event types, named by `type`, without its envelope. */
export type OutgoingEvent<T extends TopicName> = {
  [N in TopicEventName<T>]: { readonly type: N } & Omit<EventsByName[N], 'envelope'>;
}[TopicEventName<T>];

export interface PublishOptions {
  /** Defaults to a random UUID; pass a stable id to make re-publishing idempotent downstream. */
  readonly eventId?: string;
  /** When the fact happened; defaults to now. */
  readonly occurredAt?: number | Date;
  /** Defaults to the handled event's correlation id inside a handler, else to the event id. */
  readonly correlationId?: string;
  /** Defaults to the handled event's id inside a handler, else null. */
  readonly causationId?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  readonly partition?: number;
}

export interface PublishedEvent {
  readonly eventId: string;
  readonly topic: string;
}

export interface PreparedRecord {
  readonly record: OutgoingRecord;
  readonly published: PublishedEvent;
}

/**
 * Turns a typed event into a Kafka record: stamps the envelope (identity, lineage, producer,
 * contract version), encodes key and value through the registry and writes the headers.
 */
export class EventWriter {
  constructor(
    private readonly serde: AvroSerde,
    private readonly topics: TopicNames,
    private readonly producerName: string,
  ) {}

  async prepare<T extends TopicName>(
    topic: T,
    key: TopicKey<T>,
    event: OutgoingEvent<T>,
    options: PublishOptions = {},
  ): Promise<PreparedRecord> {
    const spec = this.topics.spec(topic);
    const type = (event as { readonly type: EventName }).type;
    const valueSubject = spec.values.find((value) => value.recordName === type)?.subject;
    if (!valueSubject) {
      throw new FieldlineError(
        'VALIDATION_FAILED',
        `${String(type)} is not an event of topic ${topic} (it carries ${spec.values.map((value) => value.recordName).join(', ')})`,
      );
    }
    const envelope = this.envelope(type, options);
    // Avro writes the schema's fields only, so `type` may ride along in the copy.
    const value = { ...event, envelope };
    const keySchema = schemaOf(spec.key.recordName);
    const valueSchema = schemaOf(type);
    const keyBytes =
      this.serde.encodeIfReady(spec.key.subject, keySchema, key) ??
      (await this.serde.encode(spec.key.subject, keySchema, key));
    const valueBytes =
      this.serde.encodeIfReady(valueSubject, valueSchema, value) ??
      (await this.serde.encode(valueSubject, valueSchema, value));
    const headers = identityHeaders(envelope, options.headers ? { ...options.headers } : {});
    injectTraceContext(headers);
    return {
      record: {
        topic: spec.name,
        key: keyBytes,
        value: valueBytes,
        headers,
        partition: options.partition,
      },
      published: { eventId: envelope.eventId, topic: spec.name },
    };
  }

  private envelope(eventType: EventName, options: PublishOptions): Envelope {
    const handling = currentHandling();
    const eventId = options.eventId ?? randomUUID();
    const occurredAt = options.occurredAt ?? Date.now();
    return {
      eventId,
      eventType,
      schemaVersion: eventVersions[eventType],
      occurredAt: typeof occurredAt === 'number' ? occurredAt : occurredAt.getTime(),
      producer: this.producerName,
      correlationId: options.correlationId ?? handling?.correlationId ?? eventId,
      causationId:
        options.causationId !== undefined ? options.causationId : (handling?.eventId ?? null),
    };
  }
}

function schemaOf(recordName: string): object {
  const schema = recordSchemas[recordName];
  if (!schema)
    throw new FieldlineError('CONFIG_INVALID', `No schema for ${recordName} in the contracts`);
  return schema;
}

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
  type TopicSpec,
} from '@fieldline/contracts';
import { FieldlineError } from '@fieldline/shared-errors';
import type { AvroSerde } from '@fieldline/platform-registry';
import { currentHandling } from '../envelope/handling-context';
import { identityHeaders } from '../envelope/event-headers';
import { RecordsRefused, type OutgoingRecord } from '../port/broker-port';
import { bytesOf } from './record-batcher';
import { traceCreation } from '../telemetry/messaging-spans';
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

export interface BatchEntry<T extends TopicName> {
  readonly key: TopicKey<T>;
  readonly event: OutgoingEvent<T>;
  readonly options?: PublishOptions;
}

export interface PreparedRecord {
  readonly record: OutgoingRecord;
  readonly published: PublishedEvent;
}

/** An event of a batch that could not be stamped or encoded (prepareEach). */
export interface UnpreparedEvent {
  readonly error: unknown;
}

/** What `topic` needs to encode an event of one type: found once, not per event. */
interface EventPlan {
  readonly spec: TopicSpec;
  readonly valueSubject: string;
  readonly keySchema: object;
  readonly valueSchema: object;
}

interface Stamped {
  readonly plan: EventPlan;
  readonly envelope: Envelope;
  readonly value: object;
}

/** Kafka's own default for one produce request (max.request.size) and about its broker's limit. */
export const defaultMaxRecordBytes = 1_048_576;

/**
 * Turns a typed event into a Kafka record: stamps the envelope (identity, lineage, producer,
 * contract version), encodes key and value through the registry and writes the headers.
 */
export class EventWriter {
  private readonly plans = new Map<TopicName, Map<EventName, EventPlan>>();

  constructor(
    private readonly serde: AvroSerde,
    private readonly topics: TopicNames,
    private readonly producerName: string,
    /** The most one record (key, value and headers) may take; see KafkaRuntimeOptions. */
    private readonly maxRecordBytes = defaultMaxRecordBytes,
  ) {}

  /** Stamps and encodes an event; waits for the registry only the first time a schema is used. */
  prepare<T extends TopicName>(
    topic: T,
    key: TopicKey<T>,
    event: OutgoingEvent<T>,
    options: PublishOptions = {},
  ): Promise<PreparedRecord> {
    let stamped: Stamped;
    try {
      stamped = this.stamp(topic, event, options);
      const ready = this.encodedIfReady(stamped, key, options);
      if (ready) return Promise.resolve(ready);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.encodedCold(stamped, key, options);
  }

  /**
   * The steady state of `prepare`: the record at once when the topic's schemas are registered,
   * undefined when they are not yet. Throws VALIDATION_FAILED.
   */
  prepareIfReady<T extends TopicName>(
    topic: T,
    key: TopicKey<T>,
    event: OutgoingEvent<T>,
    options: PublishOptions = {},
  ): PreparedRecord | undefined {
    return this.encodedIfReady(this.stamp(topic, event, options), key, options);
  }

  /**
   * Prepares many events of one topic, all or none: the first invalid one, by position,
   * rejects. In the steady state without a promise per event.
   */
  prepareAll<T extends TopicName>(
    topic: T,
    entries: readonly BatchEntry<T>[],
  ): Promise<PreparedRecord[]> {
    return this.prepareEach(topic, entries).then((prepared) => {
      const invalid = prepared.find((entry): entry is UnpreparedEvent => 'error' in entry);
      if (invalid) throw invalid.error;
      return prepared as PreparedRecord[];
    });
  }

  /**
   * Prepares each event of a batch on its own, keeping their order: an event that cannot be
   * stamped or encoded is an UnpreparedEvent at its position and the others go ahead. In the
   * steady state without a promise per event.
   */
  prepareEach<T extends TopicName>(
    topic: T,
    entries: readonly BatchEntry<T>[],
  ): Promise<(PreparedRecord | UnpreparedEvent)[]> {
    const prepared: (PreparedRecord | UnpreparedEvent)[] = [];
    for (const [index, entry] of entries.entries()) {
      try {
        const ready = this.prepareIfReady(topic, entry.key, entry.event, entry.options);
        if (ready) {
          prepared.push(ready);
          continue;
        }
      } catch (error) {
        prepared.push({ error });
        continue;
      }
      // A schema not registered yet: the rest go the way that may wait for the registry.
      return Promise.all([
        ...prepared,
        ...entries
          .slice(index)
          .map((rest) =>
            this.prepare(topic, rest.key, rest.event, rest.options).catch(
              (error: unknown): UnpreparedEvent => ({ error }),
            ),
          ),
      ]);
    }
    return Promise.resolve(prepared);
  }

  private stamp(topic: TopicName, event: { readonly type: EventName }, options: PublishOptions) {
    const plan = this.plan(topic, event.type);
    const envelope = this.envelope(event.type, options);
    // A shallow copy whose first slot is the envelope, replacing any the event came with; Avro
    // writes the schema's fields only, so `type` rides along. Spreading into a literal that
    // starts with the slot stays on V8's fast object-cloning path; `{ ...event, envelope }`
    // and an Object.create(event) per event (each a new prototype) cost several times more.
    const value: { envelope: unknown } = { envelope: undefined, ...event };
    value.envelope = envelope;
    return { plan, envelope, value };
  }

  private plan(topic: TopicName, type: EventName): EventPlan {
    let ofTopic = this.plans.get(topic);
    if (!ofTopic) this.plans.set(topic, (ofTopic = new Map()));
    let plan = ofTopic.get(type);
    if (!plan) {
      const spec = this.topics.spec(topic);
      const valueSubject = spec.values.find((value) => value.recordName === type)?.subject;
      if (!valueSubject) {
        throw new FieldlineError(
          'VALIDATION_FAILED',
          `${String(type)} is not an event of topic ${topic} (it carries ${spec.values.map((value) => value.recordName).join(', ')})`,
        );
      }
      plan = {
        spec,
        valueSubject,
        keySchema: schemaOf(spec.key.recordName),
        valueSchema: schemaOf(type),
      };
      ofTopic.set(type, plan);
    }
    return plan;
  }

  private encodedIfReady(
    stamped: Stamped,
    key: unknown,
    options: PublishOptions,
  ): PreparedRecord | undefined {
    const { plan, value } = stamped;
    const { spec, keySchema, valueSubject, valueSchema } = plan;
    const keyBytes = this.serde.encodeIfReady(spec.key.subject, keySchema, key);
    const valueBytes = keyBytes && this.serde.encodeIfReady(valueSubject, valueSchema, value);
    return valueBytes && this.record(stamped, keyBytes as Buffer, valueBytes, options);
  }

  private async encodedCold(
    stamped: Stamped,
    key: unknown,
    options: PublishOptions,
  ): Promise<PreparedRecord> {
    const { plan, value } = stamped;
    const { spec, keySchema, valueSubject, valueSchema } = plan;
    const [keyBytes, valueBytes] = await Promise.all([
      this.serde.encode(spec.key.subject, keySchema, key),
      this.serde.encode(valueSubject, valueSchema, value),
    ]);
    return this.record(stamped, keyBytes, valueBytes, options);
  }

  private record(
    { plan: { spec }, envelope }: Stamped,
    key: Buffer,
    value: Buffer,
    options: PublishOptions,
  ): PreparedRecord {
    const headers = identityHeaders(envelope, options.headers ? { ...options.headers } : {});
    const record = { topic: spec.name, key, value, headers, partition: options.partition };
    const bytes = bytesOf(record);
    if (bytes > this.maxRecordBytes) {
      // As the Java producer's max.request.size: refused here, not by the broker after a trip.
      throw new RecordsRefused(
        `A ${envelope.eventType} event for ${spec.name} is ${bytes} bytes encoded (key, value and headers), over the ${this.maxRecordBytes}-byte limit of one record (maxRecordBytes)`,
      );
    }
    traceCreation(spec.name, headers);
    return {
      record,
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

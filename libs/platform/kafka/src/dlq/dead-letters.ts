import { randomUUID } from 'node:crypto';
import type { AvroSerde } from '@fieldline/platform-registry';
import { identityFromHeaders } from '../envelope/event-headers';
import type { BrokerPort, IncomingRecord } from '../port/broker-port';
import { privateReaderSettings } from '../consume/private-reader';
import { failureHeaders, withoutFailureHeaders } from '../retry/failure-headers';

/** A dead-lettered record with where it came from, why it failed and, if it decodes, its event. */
export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
  readonly consumerGroup: string;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly attempts: number;
  readonly firstFailureAt: Date;
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  /** The decoded event, or why it does not decode (the usual reason a record is poison). */
  readonly decoded: { readonly value: unknown } | { readonly error: string };
  readonly record: IncomingRecord;
}

export const redrivenFromHeader = 'fieldline-redriven-from';

const readIdleMs = 5_000;
/** Joining a fresh group and the first fetch can take several seconds. */
const firstBatchWithinMs = 30_000;

/**
 * Reads dead-letter topics and sends chosen records back to the topic they failed on, with
 * their original key, value and headers (so their event ids stay and idempotent handlers see
 * a redelivery, not a new event).
 */
export class DeadLetters {
  constructor(
    private readonly broker: BrokerPort,
    private readonly serde: AvroSerde,
    private readonly clientId: string,
  ) {}

  /** Every record currently in `topic`, oldest first per partition. */
  async list(topic: string): Promise<DeadLetter[]> {
    const records = await this.readAll(topic);
    return Promise.all(records.map((record) => this.describe(record)));
  }

  /** Re-publishes the chosen dead letters to their source topics; returns how many were sent. */
  async redrive(topic: string, choose: (letter: DeadLetter) => boolean): Promise<DeadLetter[]> {
    const chosen = (await this.list(topic)).filter(choose);
    if (chosen.length === 0) return [];
    const producer = this.broker.producer({
      clientId: this.clientId,
      lingerMs: 0,
      batchBytes: 512 * 1024,
      compression: 'none',
      deliveryTimeoutMs: 60_000,
    });
    await producer.connect();
    try {
      await producer.send(
        chosen.map((letter) => ({
          topic: letter.sourceTopic,
          key: letter.record.key,
          value: letter.record.value,
          headers: {
            ...withoutFailureHeaders(letter.record.headers),
            [redrivenFromHeader]: `${letter.topic}/${letter.partition}/${letter.offset}`,
          },
        })),
      );
    } finally {
      await producer.disconnect();
    }
    return chosen;
  }

  private async describe(record: IncomingRecord): Promise<DeadLetter> {
    const headers = record.headers;
    const identity = identityFromHeaders(headers);
    let decoded: DeadLetter['decoded'];
    try {
      decoded = {
        value: (await this.serde.decode(record.value, record)).value,
      };
    } catch (error) {
      decoded = { error: error instanceof Error ? error.message : String(error) };
    }
    return {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      sourceTopic: headers[failureHeaders.sourceTopic] ?? '(unknown)',
      sourcePartition: Number(headers[failureHeaders.sourcePartition] ?? -1),
      sourceOffset: headers[failureHeaders.sourceOffset] ?? '-1',
      consumerGroup: headers[failureHeaders.consumerGroup] ?? '(unknown)',
      errorType: headers[failureHeaders.errorType] ?? '(unknown)',
      errorMessage: headers[failureHeaders.errorMessage] ?? '',
      attempts: Number(headers[failureHeaders.attempts] ?? 0),
      firstFailureAt: new Date(Number(headers[failureHeaders.firstFailureAt] ?? 0)),
      eventId: identity?.eventId,
      eventType: identity?.eventType,
      decoded,
      record,
    };
  }

  /** Reads `topic` from its start up to the end it has now, without committing anything. */
  private async readAll(topic: string): Promise<IncomingRecord[]> {
    const admin = this.broker.admin();
    await admin.connect();
    const ends = new Map<number, bigint>();
    try {
      for (const { partition, low, high } of await admin.watermarks(topic)) {
        if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
      }
    } finally {
      await admin.disconnect();
    }
    if (ends.size === 0) return [];
    const consumer = this.broker.consumer(
      privateReaderSettings({
        clientId: this.clientId,
        groupId: `fieldline-dlq-reader-${randomUUID()}`,
        fromBeginning: true,
      }),
    );
    const records = new Map<string, IncomingRecord>();
    const remaining = new Set(ends.keys());
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    // Transaction markers can sit after the last record, so a partition also counts as read
    // once nothing new arrived for a while.
    let idle = setTimeout(done, firstBatchWithinMs);
    await consumer.connect();
    try {
      await consumer.subscribe([topic]);
      await consumer.run(async (batch, control) => {
        clearTimeout(idle);
        idle = setTimeout(done, readIdleMs);
        const end = ends.get(batch.partition);
        if (end === undefined) return;
        for (const record of batch.records) {
          if (BigInt(record.offset) < end)
            records.set(`${record.partition}/${record.offset}`, record);
          // Moves the reader on to the next batch; with commits off nothing is stored.
          control.markHandled(record.offset);
        }
        const last = batch.records.at(-1);
        if (last && BigInt(last.offset) + 1n >= end) remaining.delete(batch.partition);
        if (remaining.size === 0) done();
      });
      await finished;
    } finally {
      clearTimeout(idle);
      await consumer.stop();
      await consumer.disconnect();
    }
    return [...records.values()].sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  }
}

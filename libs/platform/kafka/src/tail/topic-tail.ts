import { randomUUID } from 'node:crypto';
import type { AvroSerde } from '@fieldline/platform-registry';
import { privateReaderSettings } from '../consume/private-reader';
import type { BrokerPort, ConsumerPort, Headers } from '../port/broker-port';

/** One record of a tailed topic, decoded through the registry. */
export interface TailedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: unknown;
  /** The record's Avro full name, or undefined when it could not be decoded. */
  readonly type: string | undefined;
  readonly event: unknown;
  readonly headers: Headers;
  /** Why the record could not be decoded. */
  readonly error?: string;
}

export interface TailOptions {
  /** From the start of the topic rather than from now. */
  readonly fromBeginning?: boolean;
  /**
   * From these offsets, by partition (others from the start): a follower that must know
   * exactly where it began, e.g. the high-water marks read just before (see endOffsets).
   */
  readonly fromOffsets?: ReadonlyMap<number, string>;
}

/**
 * Follows any topic as a reader outside every service's group: nothing is committed, and an
 * undecodable record is shown with the reason instead of stopping the tail.
 */
export class TopicTail {
  private consumer: ConsumerPort | undefined;

  constructor(
    private readonly broker: BrokerPort,
    private readonly serde: AvroSerde,
    private readonly clientId: string,
  ) {}

  async start(
    topic: string,
    options: TailOptions,
    onRecord: (record: TailedRecord) => void | Promise<void>,
  ): Promise<void> {
    const consumer = this.broker.consumer(
      privateReaderSettings({
        clientId: this.clientId,
        groupId: `fieldline-tail-${randomUUID()}`,
        fromBeginning: (options.fromBeginning ?? false) || options.fromOffsets !== undefined,
      }),
    );
    // The next offset to show per partition. The reader commits nothing, so after it rejoins
    // its group it starts again from where it began; it skips to here instead of repeating.
    const next = new Map<number, bigint>(
      [...(options.fromOffsets ?? [])].map(([partition, offset]) => [partition, BigInt(offset)]),
    );
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe([topic]);
    await consumer.run(async (batch, control) => {
      for (const record of batch.records) {
        const from = next.get(batch.partition);
        if (from !== undefined && BigInt(record.offset) < from) {
          control.seek(String(from));
          return;
        }
        const base = {
          topic: batch.topic,
          partition: batch.partition,
          offset: record.offset,
          timestamp: new Date(record.timestamp).toISOString(),
          headers: record.headers,
        };
        let tailed: TailedRecord;
        try {
          const [value, key] = await Promise.all([
            this.serde.decode(record.value, record),
            record.key === null
              ? undefined
              : this.serde.decode(record.key, record).then((decoded) => decoded.value),
          ]);
          tailed = { ...base, key: key ?? null, type: value.recordName, event: value.value };
        } catch (error) {
          tailed = {
            ...base,
            key: null,
            type: undefined,
            event: undefined,
            error: error instanceof Error ? error.message : String(error),
          };
        }
        try {
          await onRecord(tailed);
        } catch {
          // The follower could not take it now: the record is read again from here.
          control.seek(record.offset);
          await new Promise((resolve) => setTimeout(resolve, 500));
          return;
        }
        // Moves the reader on; with commits off nothing is stored.
        control.markHandled(record.offset);
        next.set(batch.partition, BigInt(record.offset) + 1n);
      }
    });
  }

  /** Each partition's high-water mark now: where a tail that starts there begins. */
  async endOffsets(topic: string): Promise<Map<number, string>> {
    const admin = this.broker.admin();
    await admin.connect();
    try {
      const watermarks = await admin.watermarks(topic);
      return new Map(watermarks.map(({ partition, high }) => [partition, high]));
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<boolean> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
    await consumer?.disconnect();
    return true;
  }
}

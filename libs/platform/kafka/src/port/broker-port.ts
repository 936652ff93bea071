import { FieldlineError } from '@fieldline/shared-errors';
/**
 * The one seam between the runtime and a Kafka client. Everything above this file speaks these
 * types; only `driver/` knows which client library implements them, so switching clients
 * means writing one new driver.
 */

export type Headers = Readonly<Record<string, string>>;

export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface OutgoingRecord {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Headers;
  readonly partition?: number;
  /** Milliseconds since the epoch; the broker's append time when absent. */
  readonly timestamp?: number;
}

export interface WrittenRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offset of the first record of the request on this partition. */
  readonly baseOffset: string;
}

export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Headers;
  readonly timestamp: number;
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface PartitionOffset extends TopicPartition {
  /** The next offset to read (the committed position). */
  readonly offset: string;
  /** The string committed with the offset (Kafka keeps up to 4 KB by default); none if absent. */
  readonly metadata?: string;
}

export interface ProducerSettings {
  readonly clientId: string;
  /** Wait this long for more records before sending a request (batching); 0 sends at once. */
  readonly lingerMs: number;
  /** Send a request once this many bytes are waiting, even before lingerMs. */
  readonly batchBytes: number;
  readonly compression: Compression;
  /** How long one send keeps retrying a broker that does not answer before it fails. */
  readonly deliveryTimeoutMs: number;
}

/** Idempotent, acks=all. A send resolves only once every record is durably written. */
export interface ProducerPort {
  connect(): Promise<void>;
  send(records: readonly OutgoingRecord[]): Promise<WrittenRecord[]>;
  disconnect(): Promise<void>;
}

export interface TransactionPort {
  send(records: readonly OutgoingRecord[]): Promise<void>;
  /** Commits `offsets` for `groupId` atomically with the records sent in this transaction. */
  sendOffsets(groupId: string, offsets: readonly PartitionOffset[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface TransactionalProducerPort {
  connect(): Promise<void>;
  begin(): Promise<TransactionPort>;
  disconnect(): Promise<void>;
}

export interface ConsumerSettings {
  readonly clientId: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** How long the group waits for members to rejoin; in-flight work must finish within it. */
  readonly rebalanceTimeoutMs: number;
  /** Partitions whose batches are handled at the same time (records within one stay in order). */
  readonly concurrentPartitions: number;
  readonly maxBytesPerPartition: number;
  /** Read only committed transactional records (read_committed). */
  readonly readCommitted: boolean;
  readonly fromBeginning: boolean;
  /**
   * Commit handled offsets after every batch and before a rebalance. Off when offsets travel
   * inside a producer transaction instead.
   */
  readonly autoCommit: boolean;
}

/**
 * Raised by BatchControl.heartbeat when the group is rebalancing: finish the record in hand,
 * mark it handled and return (or rethrow) so the partition can be released.
 */
export class RebalanceSignal extends Error {
  override readonly name = 'RebalanceSignal';
}

/**
 * Kafka refused records for what they are (too large, invalid), not for where they went: a
 * driver raises it so a batch can be split and only the records at fault rejected.
 */
export class RecordsRefused extends FieldlineError {
  /**
   * The request's records that were not written, by index: Kafka answers per partition and
   * writes the partitions it does not refuse. Undefined when none of them was written.
   */
  readonly unwritten: readonly number[] | undefined;

  constructor(message: string, options?: { cause?: unknown; unwritten?: readonly number[] }) {
    super('PUBLISH_REJECTED', message, options);
    this.unwritten = options?.unwritten;
  }
}

/**
 * Another producer took over this producer's transactional id (a new owner of the partition
 * fenced it): this instance must stop working on the partition until the group reassigns it.
 */
export class ProducerFenced extends FieldlineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PUBLISH_REJECTED', message, options);
  }
}

/** What the runtime may do while it handles one fetched batch of one partition. */
export interface BatchControl {
  /** Keeps the member in the group; rejects with a RebalanceSignal when the group rebalances. */
  heartbeat(): Promise<void>;
  /** Marks `offset` handled; the committed position becomes offset + 1. */
  markHandled(offset: string): void;
  /** Commits every handled offset now. */
  commit(): Promise<void>;
  /** False once the consumer is stopping or this partition was sought elsewhere. */
  isActive(): boolean;
  /** Re-reads the partition from `offset` on the next fetch. */
  seek(offset: string): void;
}

export interface IncomingBatch extends TopicPartition {
  readonly records: readonly IncomingRecord[];
  /** The partition's high-water mark when fetched. */
  readonly highWatermark: string;
}

export interface ConsumerEvents {
  onGroupJoin?(info: {
    readonly assigned: readonly TopicPartition[];
    readonly durationMs: number;
  }): void;
  onRebalanceStart?(): void;
  /** Emitted after every fetch round trip, empty or not: the consumer is alive. */
  onFetch?(): void;
  /** The client gave up; `willRestart` says whether it restarts itself. */
  onCrash?(error: Error, willRestart: boolean): void;
}

export interface ConsumerPort {
  connect(): Promise<void>;
  subscribe(topics: readonly string[]): Promise<void>;
  run(handleBatch: (batch: IncomingBatch, control: BatchControl) => Promise<void>): Promise<void>;
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  paused(): TopicPartition[];
  /** Stops fetching, waits for in-flight batches, commits and leaves the group. */
  stop(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface NewTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string>>;
}

export interface TopicDescription {
  readonly partitions: number;
  readonly replicationFactor: number;
  /** The values of the config names asked for. */
  readonly config: Readonly<Record<string, string>>;
}

export interface PartitionWatermarks {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

export interface AdminPort {
  connect(): Promise<void>;
  listTopics(): Promise<string[]>;
  describeTopics(
    names: readonly string[],
    configNames: readonly string[],
  ): Promise<Map<string, TopicDescription>>;
  brokerCount(): Promise<number>;
  /** Creates the topics that do not exist yet; existing ones are left alone. */
  createTopics(topics: readonly NewTopic[]): Promise<void>;
  watermarks(topic: string): Promise<PartitionWatermarks[]>;
  committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]>;
  disconnect(): Promise<void>;
}

export interface BrokerPort {
  producer(settings: ProducerSettings): ProducerPort;
  transactionalProducer(
    settings: ProducerSettings & { readonly transactionalId: string },
  ): TransactionalProducerPort;
  consumer(settings: ConsumerSettings, events?: ConsumerEvents): ConsumerPort;
  admin(): AdminPort;
}

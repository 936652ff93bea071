import type {
  AdminPort,
  BrokerPort,
  ProducerSettings,
  TopicPartition,
  TransactionalProducerPort,
} from '../port/broker-port';

/** The transactional id of the producer that owns one input partition's transactions. */
export function partitionTransactionalId(prefix: string, partition: TopicPartition): string {
  return `${prefix}.${partition.topic}.${partition.partition}`;
}

export interface FencedPartition {
  readonly producer: TransactionalProducerPort;
  /**
   * The group's committed position once earlier owners were fenced. A batch fetched before it
   * was read by an owner whose transaction has committed since; it must be skipped.
   */
  readonly committedOffset: string | undefined;
  /** What was committed with that offset (see DeadLetteredOffsets). */
  readonly committedMetadata?: string;
  /** True when this batch fenced the partition: `committedOffset` was read just now. */
  readonly fenced: boolean;
}

/**
 * One transactional producer per input partition (the fencing scheme of Kafka before KIP-447,
 * which kafkajs lacks). The first batch of a partition after each assignment opens a fresh
 * producer under the partition's transactional id: that bumps the id's epoch, so a previous
 * owner still working on an old batch (a zombie) can no longer commit, and any transaction it
 * left open is finished or aborted. Only then is the committed offset read, so it includes
 * everything the previous owner managed to commit.
 */
export class PartitionProducers {
  private readonly producers = new Map<string, TransactionalProducerPort>();
  private readonly fenced = new Set<string>();

  constructor(
    private readonly broker: BrokerPort,
    private readonly admin: AdminPort,
    private readonly settings: ProducerSettings,
    private readonly groupId: string,
    private readonly transactionalIdPrefix: string,
  ) {}

  /**
   * The group's assignment changed: every partition is fenced again before its next batch, and
   * the producers of partitions no longer assigned are closed.
   */
  reassigned(assigned: readonly TopicPartition[]): void {
    this.fenced.clear();
    const kept = new Set(assigned.map(keyOf));
    for (const [key, producer] of this.producers) {
      if (kept.has(key)) continue;
      this.producers.delete(key);
      void producer.disconnect().catch(() => undefined);
    }
  }

  /** Closes the producer of a partition this instance no longer owns. */
  async release(partition: TopicPartition): Promise<void> {
    const key = keyOf(partition);
    const producer = this.producers.get(key);
    this.producers.delete(key);
    this.fenced.delete(key);
    await producer?.disconnect().catch(() => undefined);
  }

  /**
   * A transaction of this partition failed, perhaps after the broker committed it: fence and
   * read the committed offset again before its next batch.
   */
  unsettled(partition: TopicPartition): void {
    this.fenced.delete(keyOf(partition));
  }

  async forBatch(partition: TopicPartition): Promise<FencedPartition> {
    const key = keyOf(partition);
    const existing = this.producers.get(key);
    if (existing && this.fenced.has(key)) {
      return { producer: existing, committedOffset: undefined, fenced: false };
    }
    this.producers.delete(key);
    await existing?.disconnect().catch(() => undefined);
    const producer = this.broker.transactionalProducer({
      ...this.settings,
      transactionalId: partitionTransactionalId(this.transactionalIdPrefix, partition),
    });
    await producer.connect();
    this.producers.set(key, producer);
    const committed = await this.admin.committedOffsets(this.groupId, partition.topic);
    this.fenced.add(key);
    const entry = committed.find(({ partition: number }) => number === partition.partition);
    const offset = entry?.offset;
    return {
      producer,
      committedOffset: offset === undefined || offset === '-1' ? undefined : offset,
      ...(entry?.metadata ? { committedMetadata: entry.metadata } : {}),
      fenced: true,
    };
  }

  async disconnect(): Promise<void> {
    const producers = [...this.producers.values()];
    this.producers.clear();
    await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
  }
}

function keyOf({ topic, partition }: TopicPartition): string {
  return `${topic}:${partition}`;
}

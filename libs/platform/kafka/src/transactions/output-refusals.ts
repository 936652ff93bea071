import type { RecordsRefused, TopicPartition } from '../port/broker-port';

interface PartitionRefusals {
  /**
   * Until a transaction commits past this offset, each record's outputs are sent in a request
   * of their own, so that a refusal names one record.
   */
  isolateThrough: bigint | undefined;
  /** Input offsets whose outputs Kafka refused: dead-lettered when they are handled again. */
  readonly refused: Map<string, RecordsRefused>;
}

/**
 * What an exactly-once stage learned from transactions Kafka refused outputs of (a record too
 * large for its topic, say). The transaction aborts and the partition is read again; a refusal
 * that names the outputs of one input record dead-letters that record the next time round, and
 * one that names several first has their outputs sent record by record to find the one at fault.
 */
export class OutputRefusals {
  private readonly partitions = new Map<string, PartitionRefusals>();

  /**
   * A transaction of the partition failed: `inputs` are the records whose outputs were refused.
   * False when that teaches nothing new (the one record's dead-letter copy was refused too):
   * the failure is then the partition's to retry with backoff, not to loop on.
   */
  refused(partition: TopicPartition, inputs: readonly string[], error: RecordsRefused): boolean {
    const entry = this.entry(partition);
    const [only] = inputs;
    if (inputs.length === 1 && only !== undefined) {
      if (entry.refused.has(only)) return false;
      entry.refused.set(only, error);
      return true;
    }
    const last = inputs.reduce(
      (most, offset) => (BigInt(offset) > most ? BigInt(offset) : most),
      -1n,
    );
    if (entry.isolateThrough !== undefined && last <= entry.isolateThrough) return false;
    entry.isolateThrough = last;
    return true;
  }

  /** Whether the partition's outputs go record by record for now. */
  isolating(partition: TopicPartition): boolean {
    return this.partitions.get(keyOf(partition))?.isolateThrough !== undefined;
  }

  /** The refusal of the record's outputs, if Kafka refused them before. */
  refusalOf(partition: TopicPartition, offset: string): RecordsRefused | undefined {
    return this.partitions.get(keyOf(partition))?.refused.get(offset);
  }

  /** The partition's transaction committed: what it dead-lettered is done with. */
  committed(partition: TopicPartition, nextOffset: string): void {
    const entry = this.partitions.get(keyOf(partition));
    if (!entry) return;
    const next = BigInt(nextOffset);
    for (const offset of entry.refused.keys()) {
      if (BigInt(offset) < next) entry.refused.delete(offset);
    }
    if (entry.isolateThrough !== undefined && entry.isolateThrough < next) {
      entry.isolateThrough = undefined;
    }
    if (entry.refused.size === 0 && entry.isolateThrough === undefined) {
      this.partitions.delete(keyOf(partition));
    }
  }

  /** The group's assignment changed: whoever handles a partition next learns afresh. */
  clear(): void {
    this.partitions.clear();
  }

  private entry(partition: TopicPartition): PartitionRefusals {
    const key = keyOf(partition);
    let entry = this.partitions.get(key);
    if (!entry) {
      entry = { isolateThrough: undefined, refused: new Map() };
      this.partitions.set(key, entry);
    }
    return entry;
  }
}

function keyOf({ topic, partition }: TopicPartition): string {
  return `${topic}:${partition}`;
}

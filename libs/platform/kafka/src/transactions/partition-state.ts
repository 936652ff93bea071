import type { TopicName } from '@fieldline/contracts';
import type { AvroSerde } from '@fieldline/platform-registry';
import type { AdminPort, BatchControl, IncomingBatch, TopicPartition } from '../port/broker-port';
import type { TopicNames } from '../topics/topic-names';

/** A record read again to rebuild state: its outputs were committed long ago. */
export interface ReplayedRecord {
  readonly topic: TopicName;
  readonly partition: number;
  readonly offset: string;
  readonly key: unknown;
  readonly type: string;
  readonly event: unknown;
}

/**
 * The state a stateful stage keeps per input partition, outside Kafka's transaction. The stage
 * makes it exactly as of the partition's committed offset before any record is handled: from
 * the newest checkpoint the store has, then by replaying the input from that checkpoint up to
 * the committed offset (publishing nothing). Whenever the state may no longer match what was
 * committed (the partition moved away, the instance was fenced, a transaction aborted after
 * the state had changed) it is dropped and rebuilt the same way.
 */
export interface PartitionStateStore {
  // Partitions are named by their catalog topic, as handlers see it, not the cluster's name.
  /**
   * Loads the newest checkpoint of the partition into memory. Resolves with the offset it is
   * as of (the next offset it has not applied), or undefined when there is none.
   */
  restore(partition: TopicPartition): Promise<string | undefined>;
  /** Applies one record before the committed offset to the state; nothing may be published. */
  replay(record: ReplayedRecord): void;
  /** A transaction committed: the partition's state is now as of `nextOffset` (checkpoint?). */
  committed(partition: TopicPartition, nextOffset: string): void;
  /** Forgets the partition's state. */
  drop(partition: TopicPartition): void;
}

type Progress =
  { readonly phase: 'replaying'; readonly until: bigint } | { readonly phase: 'ready' };

/** Drives a PartitionStateStore for the stage: restore, replay, then hand over to handling. */
export class PartitionStates {
  private readonly progress = new Map<string, Progress>();

  constructor(
    private readonly store: PartitionStateStore,
    private readonly deps: {
      readonly admin: AdminPort;
      readonly serde: AvroSerde;
      readonly topics: TopicNames;
      readonly groupId: string;
      readonly log: (level: 'info' | 'warn', message: string, fields?: object) => void;
    },
  ) {}

  /** Partitions no longer assigned lose their state. */
  assigned(partitions: readonly TopicPartition[]): void {
    const kept = new Set(partitions.map(keyOf));
    for (const key of [...this.progress.keys()]) {
      if (kept.has(key)) continue;
      this.progress.delete(key);
      this.store.drop(this.catalogNamed(partitionOf(key)));
    }
  }

  /** The state may be ahead of what is committed: rebuild it before the next record. */
  invalidate(partition: TopicPartition): void {
    if (this.progress.delete(keyOf(partition))) this.store.drop(this.catalogNamed(partition));
  }

  /** Passed on only while the state is valid: a dropped state must not be checkpointed. */
  committed(partition: TopicPartition, nextOffset: string): void {
    if (this.progress.get(keyOf(partition))?.phase === 'ready') {
      this.store.committed(this.catalogNamed(partition), nextOffset);
    }
  }

  /**
   * True when the batch may be handled. Otherwise the batch went to restoring the state, and
   * the partition was sought to where reading goes on.
   */
  async prepare(batch: IncomingBatch, control: BatchControl): Promise<boolean> {
    const key = keyOf(batch);
    let progress = this.progress.get(key);
    if (!progress) {
      progress = await this.begin(batch, control);
      this.progress.set(key, progress);
      if (progress.phase === 'replaying') return false;
    }
    if (progress.phase === 'ready') return true;
    return this.replay(batch, control, progress.until);
  }

  private async begin(batch: IncomingBatch, control: BatchControl): Promise<Progress> {
    const committed = await this.committedOffset(batch);
    const partition = this.catalogNamed(batch);
    const checkpoint = await this.store.restore(partition);
    if (committed === undefined) {
      // Nothing was ever committed: whatever a checkpoint says, the stage starts afresh.
      if (checkpoint !== undefined) this.store.drop(partition);
      return { phase: 'ready' };
    }
    let from = checkpoint === undefined ? undefined : BigInt(checkpoint);
    if (from !== undefined && from > committed) {
      this.deps.log(
        'warn',
        'checkpoint is ahead of the committed offset; rebuilding from the log',
        {
          topic: batch.topic,
          partition: batch.partition,
          checkpoint,
          committed: String(committed),
        },
      );
      this.store.drop(partition);
      from = undefined;
    }
    from ??= await this.logStart(batch);
    if (from >= committed) return { phase: 'ready' };
    this.deps.log('info', 'rebuilding partition state', {
      topic: batch.topic,
      partition: batch.partition,
      from: String(from),
      until: String(committed),
    });
    control.seek(String(from));
    return { phase: 'replaying', until: committed };
  }

  private async replay(
    batch: IncomingBatch,
    control: BatchControl,
    until: bigint,
  ): Promise<boolean> {
    const topic = this.deps.topics.logical(batch.topic)!;
    for (const [index, record] of batch.records.entries()) {
      if (BigInt(record.offset) >= until) {
        this.progress.set(keyOf(batch), { phase: 'ready' });
        control.seek(record.offset);
        return false;
      }
      if (index % 500 === 499) await control.heartbeat();
      try {
        const [decoded, key] = await Promise.all([
          this.deps.serde.decode(record.value, record),
          record.key === null ? undefined : this.deps.serde.decode(record.key, record),
        ]);
        this.store.replay({
          topic,
          partition: batch.partition,
          offset: record.offset,
          key: key?.value ?? null,
          type: decoded.recordName,
          event: decoded.value,
        });
      } catch {
        // A record that cannot be decoded was dead-lettered when it was first handled.
      }
    }
    const last = batch.records.at(-1);
    if (last) control.seek(String(BigInt(last.offset) + 1n));
    if (last && BigInt(last.offset) + 1n >= until)
      this.progress.set(keyOf(batch), { phase: 'ready' });
    return false;
  }

  private catalogNamed({ topic, partition }: TopicPartition): TopicPartition {
    return { topic: this.deps.topics.logical(topic) ?? topic, partition };
  }

  private async committedOffset(partition: TopicPartition): Promise<bigint | undefined> {
    const offsets = await this.deps.admin.committedOffsets(this.deps.groupId, partition.topic);
    const offset = offsets.find((entry) => entry.partition === partition.partition)?.offset;
    return offset === undefined || offset === '-1' ? undefined : BigInt(offset);
  }

  private async logStart(partition: TopicPartition): Promise<bigint> {
    const marks = await this.deps.admin.watermarks(partition.topic);
    return BigInt(marks.find((mark) => mark.partition === partition.partition)?.low ?? '0');
  }
}

function keyOf({ topic, partition }: TopicPartition): string {
  return `${topic}\u0000${partition}`;
}

function partitionOf(key: string): TopicPartition {
  const [topic, partition] = key.split('\u0000') as [string, string];
  return { topic, partition: Number(partition) };
}

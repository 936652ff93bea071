import type { PartitionStateStore, ReplayedRecord } from '@fieldline/platform-kafka';
import type { StageCheckpoints } from './stage-checkpoints';

interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** State kept per key (a region, a pattern pair) that can be copied out and back in. */
export interface KeyedState<S> {
  snapshot(key: string): S | undefined;
  /** Restores `key` from its snapshot, as one of `partition`'s keys. */
  restore(key: string, snapshot: S, partition: TopicPartition): void;
  forget(key: string): void;
}

export interface KeyedCheckpoint<S> {
  readonly entries: readonly (readonly [key: string, snapshot: S])[];
}

export interface KeyedCheckpointOptions<S> {
  readonly state: KeyedState<S>;
  readonly checkpoints: StageCheckpoints<KeyedCheckpoint<S>>;
  /** Applies a replayed input record to the state; returns the key it touched. */
  readonly replay: (record: ReplayedRecord) => string | undefined;
  /** How often a partition's state is checkpointed, at most. */
  readonly intervalMs: number;
  readonly log: (level: 'info' | 'warn', message: string, fields?: object) => void;
  readonly now?: () => number;
}

/**
 * A PartitionStateStore for state kept per key: every key lives on one input partition (it is
 * the record key), so a partition's state is the state of the keys seen on it. Checkpointed to
 * PostgreSQL after commits, at most every `intervalMs`, without holding up the stage.
 */
export class KeyedCheckpointStore<S> implements PartitionStateStore {
  private readonly keysOf = new Map<string, Set<string>>();
  private readonly lastCheckpointAt = new Map<string, number>();
  /** The checkpoint write in flight, per partition. */
  private readonly writing = new Map<string, Promise<void>>();
  /** The offset of the newest checkpoint known to be stored, per partition. */
  private readonly stored = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: KeyedCheckpointOptions<S>) {
    this.now = options.now ?? Date.now;
  }

  /** The handler touched `key` while handling a record of `partition`. */
  touched(partition: TopicPartition, key: string): void {
    this.keys(partition).add(key);
  }

  async restore(partition: TopicPartition): Promise<string | undefined> {
    const checkpoint = await this.options.checkpoints.load(partition.topic, partition.partition);
    if (!checkpoint) {
      this.stored.delete(keyOf(partition));
      return undefined;
    }
    const keys = this.keys(partition);
    for (const [key, snapshot] of checkpoint.state.entries) {
      this.options.state.restore(key, snapshot, partition);
      keys.add(key);
    }
    // No timer starts here: the first commit after a rebuild is checkpointed, so a rebuild
    // never has to replay further back than the one before it.
    this.stored.set(keyOf(partition), checkpoint.nextOffset);
    return checkpoint.nextOffset;
  }

  discard(partition: TopicPartition, committed: string | undefined): Promise<void> {
    this.stored.delete(keyOf(partition));
    return this.options.checkpoints.discard(partition.topic, partition.partition, committed);
  }

  replay(record: ReplayedRecord): void {
    const key = this.options.replay(record);
    if (key !== undefined) this.touched(record, key);
  }

  committed(partition: TopicPartition, nextOffset: string): void {
    const id = keyOf(partition);
    const last = this.lastCheckpointAt.get(id) ?? 0;
    if (this.writing.has(id) || this.now() - last < this.options.intervalMs) return;
    const write = this.save(partition, nextOffset, this.entriesOf(partition))
      .catch((error: unknown) =>
        this.options.log('warn', 'checkpoint not written; the next one will be', {
          topic: partition.topic,
          partition: partition.partition,
          error: String(error),
        }),
      )
      .finally(() => this.writing.delete(id));
    this.writing.set(id, write);
  }

  async checkpoint(partition: TopicPartition, nextOffset: string): Promise<void> {
    const entries = this.entriesOf(partition);
    await this.writing.get(keyOf(partition));
    await this.save(partition, nextOffset, entries);
  }

  checkpointedAsOf(partition: TopicPartition): string | undefined {
    return this.stored.get(keyOf(partition));
  }

  drop(partition: TopicPartition): void {
    for (const key of this.keys(partition)) this.options.state.forget(key);
    this.keysOf.delete(keyOf(partition));
    this.lastCheckpointAt.delete(keyOf(partition));
    this.stored.delete(keyOf(partition));
  }

  /** The state's entries, copied now, synchronously: exactly as of the offset committed. */
  private entriesOf(partition: TopicPartition): KeyedCheckpoint<S>['entries'] {
    return [...this.keys(partition)].flatMap((key) => {
      const snapshot = this.options.state.snapshot(key);
      return snapshot === undefined ? [] : [[key, snapshot] as const];
    });
  }

  private async save(
    partition: TopicPartition,
    nextOffset: string,
    entries: KeyedCheckpoint<S>['entries'],
  ): Promise<void> {
    const id = keyOf(partition);
    this.lastCheckpointAt.set(id, this.now());
    await this.options.checkpoints.save(partition.topic, partition.partition, {
      nextOffset,
      state: { entries },
    });
    this.stored.set(id, nextOffset);
  }

  private keys(partition: TopicPartition): Set<string> {
    const id = keyOf(partition);
    let keys = this.keysOf.get(id);
    if (!keys) {
      keys = new Set();
      this.keysOf.set(id, keys);
    }
    return keys;
  }
}

function keyOf({ topic, partition }: TopicPartition): string {
  return `${topic}/${partition}`;
}

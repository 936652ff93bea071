import type { TopicName } from '@fieldline/contracts';
import { FieldlineError } from '@fieldline/shared-errors';
import type { AvroSerde } from '@fieldline/platform-registry';
import type { AdminPort, BatchControl, IncomingBatch, TopicPartition } from '../port/broker-port';
import type { TopicNames } from '../topics/topic-names';
import { DeadLetteredOffsets } from './dead-lettered-offsets';

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
 * the state had changed, a record failed after its handler had changed it) it is dropped and
 * rebuilt the same way. Records the stage dead-lettered are left out of a rebuild, as they were
 * left out live.
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
  /**
   * Deletes the partition's stored checkpoint if it is still ahead of `committed` (undefined:
   * the group never committed): the group's offsets were reset, so it can never be true again,
   * and a checkpoint ahead would keep refusing the newer ones written after it.
   */
  discard(partition: TopicPartition, committed: string | undefined): Promise<void>;
  /**
   * The offset the newest checkpoint known to be stored is as of: records before it are never
   * replayed again. Undefined when unknown.
   */
  checkpointedAsOf?(partition: TopicPartition): string | undefined;
  /**
   * Writes a checkpoint of the partition now, whatever the interval, once any write in flight
   * is done: the state is exactly as of `nextOffset`, and the stage is stopping.
   */
  checkpoint?(partition: TopicPartition, nextOffset: string): Promise<void>;
}

/**
 * Where a partition's state stands: being rebuilt up to `until`, or ready with every record
 * before `asOf` applied (undefined: none yet, for a group that never committed).
 */
type Progress =
  | { readonly phase: 'replaying'; readonly until: bigint }
  | { readonly phase: 'ready'; readonly asOf: bigint | undefined }
  /** A record's handler ran and then failed: the state may hold part of it until rebuilt. */
  | { readonly phase: 'tainted' };

/** The group's committed position, read by fencing earlier owners of the partition. */
export interface Fencing {
  readonly committedOffset: string | undefined;
  /** What was committed with the offset: the records dead-lettered since the checkpoint. */
  readonly committedMetadata?: string;
}

/** Drives a PartitionStateStore for the stage: restore, replay, then hand over to handling. */
export class PartitionStates {
  private readonly progress = new Map<string, Progress>();
  private readonly deadLettered = new Map<string, DeadLetteredOffsets>();
  /** The offset each partition's last transaction committed, by this instance. */
  private readonly lastCommitted = new Map<string, bigint>();

  constructor(
    private readonly store: PartitionStateStore,
    private readonly deps: {
      readonly admin: AdminPort;
      readonly serde: AvroSerde;
      readonly topics: TopicNames;
      readonly log: (level: 'info' | 'warn', message: string, fields?: object) => void;
    },
  ) {}

  /** Partitions no longer assigned lose their state. */
  assigned(partitions: readonly TopicPartition[]): void {
    const kept = new Set(partitions.map(keyOf));
    for (const key of [...this.progress.keys()]) {
      if (!kept.has(key)) this.forget(partitionOf(key));
    }
    for (const key of [...this.deadLettered.keys()]) {
      if (!kept.has(key)) this.deadLettered.delete(key);
    }
  }

  /**
   * A record of the partition went to the dead-letter topic. Its offset is committed with the
   * ones after it, so a rebuild leaves it out as the live run did, and a redriven copy is
   * handled as new. True when its handler ran before it failed: the state may hold part of
   * what the handler did, and is not checkpointed; the stage commits the transaction with the
   * record in it, then invalidates the partition so it is rebuilt.
   */
  deadLetteredRecord(partition: TopicPartition, offset: string, afterHandler: boolean): boolean {
    const key = keyOf(partition);
    let offsets = this.deadLettered.get(key);
    if (!offsets) {
      offsets = new DeadLetteredOffsets();
      this.deadLettered.set(key, offsets);
    }
    offsets.add(offset);
    if (!afterHandler || !this.progress.has(key)) return false;
    this.progress.set(key, { phase: 'tainted' });
    return true;
  }

  /** What the partition's next commit carries beside its offset (see DeadLetteredOffsets). */
  offsetMetadata(partition: TopicPartition): string | undefined {
    const offsets = this.deadLettered.get(keyOf(partition));
    const metadata = offsets?.toMetadata();
    if (offsets?.overflowed) {
      this.deps.log('warn', 'too many dead-lettered records since the last checkpoint to name', {
        topic: partition.topic,
        partition: partition.partition,
        leftOut: offsets.overflowed,
      });
    }
    return metadata;
  }

  /**
   * The stage has stopped handling: checkpoints every partition whose state is exactly as of
   * its last commit, so the next owner starts from there with nothing to replay (a deploy
   * that changes the stage's rules then applies them to every record after the checkpoint).
   */
  async checkpointAll(): Promise<void> {
    const writes = [...this.progress].flatMap(([key, progress]) => {
      const committed = this.lastCommitted.get(key);
      if (progress.phase !== 'ready' || committed === undefined || progress.asOf !== committed) {
        return [];
      }
      return [this.store.checkpoint?.(this.catalogNamed(partitionOf(key)), String(committed))];
    });
    const failed = (await Promise.allSettled(writes)).filter(
      (outcome) => outcome.status === 'rejected',
    );
    for (const failure of failed) {
      this.deps.log(
        'warn',
        'final checkpoint not written; the next owner replays from the one before',
        {
          error: String((failure as PromiseRejectedResult).reason),
        },
      );
    }
  }

  /** The state may hold a record that failed half way: rebuild it before the next record. */
  invalidate(partition: TopicPartition): void {
    this.forget(partition);
  }

  /** A record of the partition went through its handler: the state is as of the next one. */
  applied(partition: TopicPartition, offset: string): void {
    const progress = this.progress.get(keyOf(partition));
    if (progress?.phase === 'ready') {
      this.progress.set(keyOf(partition), { phase: 'ready', asOf: BigInt(offset) + 1n });
    }
  }

  /** Passed on only when the state is exactly as of `nextOffset`, so a checkpoint is true. */
  committed(partition: TopicPartition, nextOffset: string): void {
    this.lastCommitted.set(keyOf(partition), BigInt(nextOffset));
    const progress = this.progress.get(keyOf(partition));
    if (progress?.phase === 'ready' && progress.asOf === BigInt(nextOffset)) {
      this.store.committed(this.catalogNamed(partition), nextOffset);
    }
    const checkpointed = this.store.checkpointedAsOf?.(this.catalogNamed(partition));
    if (checkpointed !== undefined)
      this.deadLettered.get(keyOf(partition))?.dropBefore(checkpointed);
  }

  /**
   * True when the batch may be handled. Otherwise the batch went to restoring the state, and
   * the partition was sought to where reading goes on. `fencing` is given when the stage has
   * just fenced the partition's earlier owners (a new assignment, or after a failure): the state
   * is kept only if it is exactly as of the offset the group committed, and rebuilt otherwise,
   * wherever it stood (ready, or half way through a replay).
   */
  async prepare(batch: IncomingBatch, control: BatchControl, fencing?: Fencing): Promise<boolean> {
    const key = keyOf(batch);
    let progress = this.progress.get(key);
    if (fencing) {
      // What committed is the truth: it names the records dead-lettered since the checkpoint.
      this.deadLettered.set(key, DeadLetteredOffsets.parse(fencing.committedMetadata));
      const committed =
        fencing.committedOffset === undefined ? undefined : BigInt(fencing.committedOffset);
      if (!(progress?.phase === 'ready' && progress.asOf === committed)) {
        if (progress) this.forget(batch);
        progress = await this.begin(batch, control, committed);
        this.progress.set(key, progress);
      }
      if (committed !== undefined) this.lastCommitted.set(key, committed);
      if (progress.phase === 'replaying') return false;
    }
    if (!progress || progress.phase === 'tainted') {
      throw new Error(
        `partition ${batch.topic}/${batch.partition} was never fenced since its state was valid`,
      );
    }
    if (progress.phase === 'ready') return true;
    return this.replay(batch, control, progress.until);
  }

  private forget(partition: TopicPartition): void {
    this.lastCommitted.delete(keyOf(partition));
    if (this.progress.delete(keyOf(partition))) this.store.drop(this.catalogNamed(partition));
  }

  private async begin(
    batch: IncomingBatch,
    control: BatchControl,
    committed: bigint | undefined,
  ): Promise<Progress> {
    const partition = this.catalogNamed(batch);
    const checkpoint = await this.store.restore(partition);
    if (committed === undefined) {
      // Nothing was ever committed: whatever a checkpoint says, the stage starts afresh.
      if (checkpoint !== undefined) {
        this.store.drop(partition);
        await this.store.discard(partition, undefined);
      }
      return { phase: 'ready', asOf: undefined };
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
      await this.store.discard(partition, String(committed));
      from = undefined;
    }
    from ??= await this.logStart(batch);
    this.deadLettered.get(keyOf(batch))?.dropBefore(String(from));
    if (from >= committed) return { phase: 'ready', asOf: committed };
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
    const deadLettered = this.deadLettered.get(keyOf(batch));
    for (const [index, record] of batch.records.entries()) {
      if (BigInt(record.offset) >= until) {
        this.progress.set(keyOf(batch), { phase: 'ready', asOf: until });
        control.seek(record.offset);
        return false;
      }
      if (index % 500 === 499) await control.heartbeat();
      if (deadLettered?.has(record.offset)) continue;
      let decoded: { recordName: string; value: unknown };
      let key: { value: unknown } | undefined;
      try {
        [decoded, key] = await Promise.all([
          this.deps.serde.decode(record.value, record),
          record.key === null ? undefined : this.deps.serde.decode(record.key, record),
        ]);
      } catch (error) {
        // The registry being away is no reason to skip a record: the batch is read again.
        if (error instanceof FieldlineError && error.retriable) throw error;
        // A record that cannot be decoded was dead-lettered when it was first handled.
        continue;
      }
      this.store.replay({
        topic,
        partition: batch.partition,
        offset: record.offset,
        key: key?.value ?? null,
        type: decoded.recordName,
        event: decoded.value,
      });
    }
    const last = batch.records.at(-1);
    if (last) control.seek(String(BigInt(last.offset) + 1n));
    if (last && BigInt(last.offset) + 1n >= until) {
      this.progress.set(keyOf(batch), { phase: 'ready', asOf: until });
    }
    return false;
  }

  private catalogNamed({ topic, partition }: TopicPartition): TopicPartition {
    return { topic: this.deps.topics.logical(topic) ?? topic, partition };
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

import { bytesOf } from '../publish/record-batcher';
import {
  RecordsRefused,
  type BatchControl,
  type OutgoingRecord,
  type TopicPartition,
  type TransactionalProducerPort,
  type TransactionPort,
} from '../port/broker-port';
import { countSent } from '../telemetry/messaging-metrics';
import { traceSend } from '../telemetry/messaging-spans';

/** When an open transaction is committed even though the batch has more records. */
export interface TransactionBounds {
  readonly maxRecords: number;
  readonly maxOpenMs: number;
  /**
   * Staged outputs (keys, values and headers) are sent, still inside the transaction, once they
   * reach this many bytes.
   */
  readonly maxStagedBytes?: number;
}

export interface BatchTransactionHooks {
  readonly now?: () => number;
  /** Told the partition's next offset after each commit (a stateful stage checkpoints here). */
  readonly onCommitted?: (nextOffset: string) => void;
  /** Send each record's outputs in a request of their own (see OutputRefusals). */
  readonly isolating?: boolean;
  /** The metadata committed with the partition's offset (see DeadLetteredOffsets). */
  readonly offsetMetadata?: () => string | undefined;
}

/**
 * The transactions of one partition batch. Handlers' outputs are staged and sent in one request
 * when the transaction commits (or earlier, once they fill a request), not a round trip per
 * record. Its control commits the consumed offsets inside the transaction instead of to the
 * group directly; a transaction is committed at the end of the batch or earlier once it reaches
 * its bounds, so no transaction comes near the broker's transaction timeout however large the
 * batch.
 */
export class BatchTransaction {
  private transaction: Promise<TransactionPort> | undefined;
  /** When the first record of the unit of work being built was handled. */
  private openedAt = 0;
  private recordsInTransaction = 0;
  private staged: OutgoingRecord[] = [];
  /** The offset of the input record each staged output came from. */
  private stagedFrom: string[] = [];
  private stagedBytes = 0;
  /** First offset handled since the last commit: where to rewind if the transaction fails. */
  private uncommittedFrom: string | undefined;
  private nextOffset: string | undefined;
  /** A send failed: the open transaction may hold part of a record's outputs and must abort. */
  private failedSend: unknown;
  /** The input records whose outputs Kafka refused in the failed send. */
  private refusedFrom: string[] = [];
  readonly control: BatchControl;
  private readonly now: () => number;
  private readonly isolating: boolean;

  constructor(
    private readonly producer: TransactionalProducerPort,
    groupId: string,
    private readonly partition: TopicPartition,
    private readonly inner: BatchControl,
    private readonly bounds: TransactionBounds,
    hooks: BatchTransactionHooks = {},
  ) {
    this.now = hooks.now ?? Date.now;
    this.isolating = hooks.isolating ?? false;
    this.control = {
      heartbeat: () => inner.heartbeat(),
      isActive: () => inner.isActive(),
      seek: (offset) => inner.seek(offset),
      markHandled: (offset) => {
        if (this.uncommittedFrom === undefined) this.openedAt = this.now();
        this.uncommittedFrom ??= offset;
        this.nextOffset = String(BigInt(offset) + 1n);
        this.recordsInTransaction += 1;
        inner.markHandled(offset);
      },
      commit: async () => {
        if (this.failedSend !== undefined) throw this.failedSend;
        if (this.nextOffset === undefined) return;
        const transaction = await this.begin();
        await this.sendStaged();
        const metadata = hooks.offsetMetadata?.();
        await transaction.sendOffsets(groupId, [
          { ...this.partition, offset: this.nextOffset, ...(metadata ? { metadata } : {}) },
        ]);
        await transaction.commit();
        const committed = this.nextOffset;
        this.transaction = undefined;
        this.uncommittedFrom = undefined;
        this.nextOffset = undefined;
        this.recordsInTransaction = 0;
        hooks.onCommitted?.(committed);
      },
    };
  }

  /**
   * Adds what the input record at `inputOffset` wrote (its outputs, or its copy bound for a
   * retry or dead-letter topic) to the transaction; it is sent before the transaction commits.
   */
  stage(records: readonly OutgoingRecord[], inputOffset: string): void {
    for (const record of records) {
      this.staged.push(record);
      this.stagedFrom.push(inputOffset);
      this.stagedBytes += bytesOf(record);
    }
  }

  /**
   * The input records whose outputs Kafka refused for what they are, once a send failed that
   * way (the transaction must be abandoned); empty otherwise.
   */
  refusedInputs(): readonly string[] {
    return this.refusedFrom;
  }

  /**
   * Commits the open transaction if it reached its record count or age, or sends its staged
   * outputs once they fill a request; nothing to wait for otherwise.
   */
  commitIfDue(): Promise<void> | undefined {
    const due =
      this.recordsInTransaction >= this.bounds.maxRecords ||
      (this.recordsInTransaction > 0 && this.now() - this.openedAt >= this.bounds.maxOpenMs);
    if (due) return this.control.commit();
    if (this.isolating && this.staged.length > 0) return this.sendStaged();
    if (this.stagedBytes >= (this.bounds.maxStagedBytes ?? 512 * 1024)) return this.sendStaged();
    return undefined;
  }

  /** Aborts a transaction left open and rewinds the partition to its first uncommitted record. */
  async abandon(): Promise<void> {
    const open = this.transaction;
    this.transaction = undefined;
    if (open) await (await open.catch(() => undefined))?.abort().catch(() => undefined);
    if (this.uncommittedFrom !== undefined) this.inner.seek(this.uncommittedFrom);
    this.uncommittedFrom = undefined;
    this.nextOffset = undefined;
    this.failedSend = undefined;
    this.refusedFrom = [];
    this.recordsInTransaction = 0;
    this.staged = [];
    this.stagedFrom = [];
    this.stagedBytes = 0;
  }

  private async sendStaged(): Promise<void> {
    if (this.failedSend !== undefined) throw this.failedSend;
    const records = this.staged;
    const from = this.stagedFrom;
    if (records.length === 0) return;
    this.staged = [];
    this.stagedFrom = [];
    this.stagedBytes = 0;
    try {
      const transaction = await this.begin();
      await traceSend(records, { 'fieldline.transactional': true }, () =>
        transaction.send(records),
      );
      countSent(records);
    } catch (error) {
      countSent(records, error);
      // The transaction may hold part of the outputs now: only an abort can clear it.
      this.failedSend = error;
      if (error instanceof RecordsRefused) {
        const unwritten = error.unwritten ?? from.keys();
        this.refusedFrom = [...new Set([...unwritten].map((index) => from[index] as string))];
      }
      throw error;
    }
  }

  private begin(): Promise<TransactionPort> {
    if (!this.transaction) this.transaction = this.producer.begin();
    return this.transaction;
  }
}

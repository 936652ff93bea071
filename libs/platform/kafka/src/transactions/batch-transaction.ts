import { bytesOf } from '../publish/record-batcher';
import type {
  BatchControl,
  OutgoingRecord,
  TopicPartition,
  TransactionalProducerPort,
  TransactionPort,
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
  private stagedBytes = 0;
  /** First offset handled since the last commit: where to rewind if the transaction fails. */
  private uncommittedFrom: string | undefined;
  private nextOffset: string | undefined;
  /** A send failed: the open transaction may hold part of a record's outputs and must abort. */
  private failedSend: unknown;
  readonly control: BatchControl;

  constructor(
    private readonly producer: TransactionalProducerPort,
    groupId: string,
    private readonly partition: TopicPartition,
    private readonly inner: BatchControl,
    private readonly bounds: TransactionBounds,
    private readonly now: () => number = Date.now,
    /** Told the partition's next offset after each commit (a stateful stage checkpoints here). */
    private readonly onCommitted: (nextOffset: string) => void = () => undefined,
  ) {
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
        await transaction.sendOffsets(groupId, [{ ...this.partition, offset: this.nextOffset }]);
        await transaction.commit();
        const committed = this.nextOffset;
        this.transaction = undefined;
        this.uncommittedFrom = undefined;
        this.nextOffset = undefined;
        this.recordsInTransaction = 0;
        this.onCommitted(committed);
      },
    };
  }

  /** Adds a handled record's outputs to the transaction; they are sent before it commits. */
  stage(records: readonly OutgoingRecord[]): void {
    for (const record of records) {
      this.staged.push(record);
      this.stagedBytes += bytesOf(record);
    }
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
    this.recordsInTransaction = 0;
    this.staged = [];
    this.stagedBytes = 0;
  }

  private async sendStaged(): Promise<void> {
    if (this.failedSend !== undefined) throw this.failedSend;
    const records = this.staged;
    if (records.length === 0) return;
    this.staged = [];
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
      throw error;
    }
  }

  private begin(): Promise<TransactionPort> {
    if (!this.transaction) this.transaction = this.producer.begin();
    return this.transaction;
  }
}

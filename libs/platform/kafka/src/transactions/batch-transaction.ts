import type {
  BatchControl,
  OutgoingRecord,
  TopicPartition,
  TransactionalProducerPort,
  TransactionPort,
} from '../port/broker-port';

/** When an open transaction is committed even though the batch has more records. */
export interface TransactionBounds {
  readonly maxRecords: number;
  readonly maxOpenMs: number;
}

/**
 * The transactions of one partition batch, each begun on first use. Its control commits the
 * consumed offsets inside the transaction instead of to the group directly; a transaction is
 * committed at the end of the batch or earlier once it reaches its bounds, so no transaction
 * comes near the broker's transaction timeout however large the batch.
 */
export class BatchTransaction {
  private transaction: Promise<TransactionPort> | undefined;
  private openedAt = 0;
  private recordsInTransaction = 0;
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
  ) {
    this.control = {
      heartbeat: () => inner.heartbeat(),
      isActive: () => inner.isActive(),
      seek: (offset) => inner.seek(offset),
      markHandled: (offset) => {
        this.uncommittedFrom ??= offset;
        this.nextOffset = String(BigInt(offset) + 1n);
        this.recordsInTransaction += 1;
        inner.markHandled(offset);
      },
      commit: async () => {
        if (this.failedSend !== undefined) throw this.failedSend;
        if (this.nextOffset === undefined) return;
        const transaction = await this.begin();
        await transaction.sendOffsets(groupId, [{ ...this.partition, offset: this.nextOffset }]);
        await transaction.commit();
        this.transaction = undefined;
        this.uncommittedFrom = undefined;
        this.nextOffset = undefined;
        this.recordsInTransaction = 0;
      },
    };
  }

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await (await this.begin()).send(records);
    } catch (error) {
      this.failedSend = error;
      throw error;
    }
  }

  /** Commits the open transaction if it reached its record count or age. */
  async commitIfDue(): Promise<void> {
    const due =
      this.recordsInTransaction >= this.bounds.maxRecords ||
      (this.transaction !== undefined && this.now() - this.openedAt >= this.bounds.maxOpenMs);
    if (due) await this.control.commit();
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
  }

  private begin(): Promise<TransactionPort> {
    if (!this.transaction) {
      this.openedAt = this.now();
      this.transaction = this.producer.begin();
    }
    return this.transaction;
  }
}

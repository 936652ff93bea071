import type { BatchControl, IncomingRecord } from '../port/broker-port';
import type { RecordOutcome } from './record-processor';

interface Pending {
  readonly record: IncomingRecord;
  readonly outcome: RecordOutcome;
  readonly written: Promise<void> | undefined;
}

/** The first record whose write failed; nothing from it on was marked handled. */
export interface FailedWrite {
  readonly record: IncomingRecord;
  readonly error: unknown;
}

/** Another outcome for a record whose write Kafka refused, with that outcome's own write. */
export type Replacement = (
  record: IncomingRecord,
  outcome: RecordOutcome,
  error: unknown,
) => { readonly outcome: RecordOutcome; readonly written: Promise<void> | undefined } | undefined;

/**
 * Handled records of one partition whose writes (what their handlers published, or their copies
 * bound for a retry or dead-letter topic) may still be in flight. Offsets are marked in record
 * order, each only once its own write and every earlier one succeeded, so the next record is
 * handled while earlier writes travel instead of after a round trip per record.
 */
export class PendingWrites {
  private pending: Pending[] = [];

  constructor(
    private readonly control: BatchControl,
    private readonly onMarked: (record: IncomingRecord, outcome: RecordOutcome) => void,
    /** Consulted when a write fails; without a replacement the failure stops the marking. */
    private readonly replace: Replacement = () => undefined,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  add(record: IncomingRecord, outcome: RecordOutcome, written: Promise<void> | undefined): void {
    if (written === undefined && this.pending.length === 0) {
      this.mark(record, outcome);
      return;
    }
    // A failure is read by drain(), maybe long after it happened: not an unhandled rejection.
    written?.catch(() => undefined);
    this.pending.push({ record, outcome, written });
  }

  /**
   * Waits for the writes in order and marks their records. A failed write is replaced when
   * `replace` offers another outcome whose write succeeds; otherwise the first failure stops
   * the marking.
   */
  async drain(): Promise<FailedWrite | undefined> {
    const pending = this.pending;
    this.pending = [];
    for (const entry of pending) {
      let outcome = entry.outcome;
      try {
        await entry.written;
      } catch (error) {
        const replacement = this.replace(entry.record, entry.outcome, error);
        try {
          if (!replacement) throw error;
          await replacement.written;
          outcome = replacement.outcome;
        } catch (failure) {
          // Later writes are abandoned with their records, which will be read again.
          return { record: entry.record, error: failure };
        }
      }
      this.mark(entry.record, outcome);
    }
    return undefined;
  }

  private mark(record: IncomingRecord, outcome: RecordOutcome): void {
    this.control.markHandled(record.offset);
    this.onMarked(record, outcome);
  }
}

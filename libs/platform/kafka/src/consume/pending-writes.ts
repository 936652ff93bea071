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

  /** Waits for the writes in order and marks their records; the first failure stops the marking. */
  async drain(): Promise<FailedWrite | undefined> {
    const pending = this.pending;
    this.pending = [];
    for (const entry of pending) {
      try {
        await entry.written;
      } catch (error) {
        // Later writes are abandoned with their records, which will be read again.
        return { record: entry.record, error };
      }
      this.mark(entry.record, entry.outcome);
    }
    return undefined;
  }

  private mark(record: IncomingRecord, outcome: RecordOutcome): void {
    this.control.markHandled(record.offset);
    this.onMarked(record, outcome);
  }
}

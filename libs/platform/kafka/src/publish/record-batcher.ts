import { RecordsRefused, type OutgoingRecord, type ProducerPort } from '../port/broker-port';
import { countSent } from '../telemetry/messaging-metrics';
import { traceSend } from '../telemetry/messaging-spans';

export interface BatchingSettings {
  /** How long a record may wait for others before its batch is sent. */
  readonly lingerMs: number;
  /**
   * Send as soon as this many bytes (keys, values and headers) are waiting; also the most one
   * request carries.
   */
  readonly batchBytes: number;
}

/** Told what became of each record handed over together, by its position among them. */
interface Completion {
  written(index: number): void;
  failed(index: number, error: unknown): void;
}

interface Pending {
  readonly record: OutgoingRecord;
  readonly bytes: number;
  readonly completion: Completion;
  readonly index: number;
}

/**
 * Collects records into produce requests. Records become due when their linger time is up,
 * when the waiting bytes fill a batch, or when a caller flushes. One request is in flight at a
 * time, so records of a partition are written in the order they were published, retries
 * included; whatever waits while a request is in flight leaves together in the next one (at
 * most `batchBytes` per request), as the Java producer's accumulator does, instead of queueing
 * a request per caller. A request Kafka refuses outright (a record too large, say) is split and
 * sent again, as the Java producer splits, so only the records at fault are rejected.
 */
export class RecordBatcher {
  private waiting: Pending[] = [];
  private waitingBytes = 0;
  /** How many of the oldest waiting records must leave with the next request. */
  private due = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  /** Records handed to add() so far, and how many of the oldest of them have settled. */
  private added = 0;
  private settledCount = 0;
  private flushes: { readonly through: number; readonly done: () => void }[] = [];
  /** Caps the next request at this many records while a refused request is split; 0: no cap. */
  private splitAt = 0;

  constructor(
    private readonly producer: ProducerPort,
    private readonly settings: BatchingSettings,
  ) {}

  /** Resolves once the record is durably written; rejects with the send's typed error. */
  add(record: OutgoingRecord): Promise<void> {
    const written = new Promise<void>((resolve, reject) =>
      this.enqueue(record, { written: () => resolve(), failed: (_, error) => reject(error) }, 0),
    );
    this.scheduleWaiting();
    return written;
  }

  /**
   * Sends `records` now, together as far as batchBytes allows, behind what already waits.
   * Resolves once all are durably written; rejects with the first failure (the others may be
   * written all the same).
   */
  sendAll(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const written = new Promise<void>((resolve, reject) => {
      let left = records.length;
      const completion: Completion = {
        written: () => {
          left -= 1;
          if (left === 0) resolve();
        },
        failed: (_, error) => reject(error),
      };
      this.enqueueDue(records, completion);
    });
    return written;
  }

  /**
   * Sends `records` now, as sendAll does, and resolves once every one of them has been written
   * or has failed, with the error of each that failed by its position (empty when all were
   * written). Each record's outcome is its own: one request can write some and fail others.
   */
  sendEach(records: readonly OutgoingRecord[]): Promise<ReadonlyMap<number, unknown>> {
    const failures = new Map<number, unknown>();
    if (records.length === 0) return Promise.resolve(failures);
    const settled = new Promise<ReadonlyMap<number, unknown>>((resolve) => {
      let left = records.length;
      const completion: Completion = {
        written: () => {
          left -= 1;
          if (left === 0) resolve(failures);
        },
        failed: (index, error) => {
          failures.set(index, error);
          left -= 1;
          if (left === 0) resolve(failures);
        },
      };
      this.enqueueDue(records, completion);
    });
    return settled;
  }

  /** Sends everything waiting now; resolves when all of it has been written or has failed. */
  flush(): Promise<void> {
    const through = this.added;
    this.makeAllDue();
    if (this.settledCount >= through) return Promise.resolve();
    return new Promise((done) => this.flushes.push({ through, done }));
  }

  get pendingRecords(): number {
    return this.waiting.length;
  }

  /** Queues records handed over together and makes everything waiting due now. */
  private enqueueDue(records: readonly OutgoingRecord[], completion: Completion): void {
    records.forEach((record, index) => this.enqueue(record, completion, index));
    this.makeAllDue();
  }

  private enqueue(record: OutgoingRecord, completion: Completion, index: number): void {
    const bytes = bytesOf(record);
    this.waiting.push({ record, bytes, completion, index });
    this.waitingBytes += bytes;
    this.added += 1;
  }

  private scheduleWaiting(): void {
    if (this.waitingBytes >= this.settings.batchBytes || this.settings.lingerMs <= 0) {
      this.makeAllDue();
    } else {
      this.timer ??= setTimeout(() => this.makeAllDue(), this.settings.lingerMs);
    }
  }

  private makeAllDue(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = this.waiting.length;
    this.sendNext();
  }

  private sendNext(): void {
    if (this.sending || this.due === 0 || this.waiting.length === 0) return;
    // Everything waiting rides along (not only the due records), up to one batch of bytes.
    const most = this.splitAt || this.waiting.length;
    this.splitAt = 0;
    let count = 0;
    let bytes = 0;
    while (
      count < most &&
      (count === 0 || bytes + (this.waiting[count] as Pending).bytes <= this.settings.batchBytes)
    ) {
      bytes += (this.waiting[count] as Pending).bytes;
      count += 1;
    }
    const batch = this.waiting.splice(0, count);
    this.waitingBytes -= bytes;
    this.due = Math.max(0, this.due - count);
    this.sending = true;
    void this.send(batch).finally(() => {
      this.sending = false;
      this.sendNext();
    });
  }

  private async send(batch: Pending[]): Promise<void> {
    const records = batch.map((pending) => pending.record);
    try {
      await traceSend(records, {}, () => this.producer.send(records));
      countSent(records);
      for (const pending of batch) pending.completion.written(pending.index);
    } catch (error) {
      if (error instanceof RecordsRefused) {
        this.refused(batch, error);
        return;
      }
      countSent(records, error);
      for (const pending of batch) pending.completion.failed(pending.index, error);
    }
    this.settled(batch.length);
  }

  /**
   * Kafka refused some partitions of the request and wrote the others: what it wrote is done;
   * what it did not is sent again in halves ahead of everything else, keeping the order, until
   * the refusal names single records.
   */
  private refused(batch: Pending[], error: RecordsRefused): void {
    const unwrittenIndexes = new Set(error.unwritten ?? batch.keys());
    const written = batch.filter((_, index) => !unwrittenIndexes.has(index));
    const unwritten = batch.filter((_, index) => unwrittenIndexes.has(index));
    if (written.length > 0) {
      countSent(written.map((pending) => pending.record));
      for (const pending of written) pending.completion.written(pending.index);
    }
    let settledNow = written.length;
    const [only] = unwritten;
    if (unwritten.length > 1) {
      const half = Math.ceil(unwritten.length / 2);
      this.requeueFirst(unwritten.slice(0, half), unwritten.slice(half));
    } else if (only) {
      countSent([only.record], error);
      only.completion.failed(only.index, error);
      settledNow += 1;
    }
    this.settled(settledNow);
  }

  private requeueFirst(first: Pending[], rest: Pending[]): void {
    this.waiting.unshift(...first, ...rest);
    this.waitingBytes += [...first, ...rest].reduce((sum, pending) => sum + pending.bytes, 0);
    this.due += first.length + rest.length;
    // The first half leaves alone, so a refusal of it names a smaller set of records.
    this.splitAt = first.length;
  }

  private settled(count: number): void {
    this.settledCount += count;
    while (this.flushes[0] && this.flushes[0].through <= this.settledCount) {
      this.flushes.shift()?.done();
    }
  }
}

/** What a record adds to a request: key, value and headers. */
export function bytesOf(record: OutgoingRecord): number {
  let bytes = (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const name in record.headers) bytes += name.length + (record.headers[name]?.length ?? 0);
  return bytes;
}

import type { OutgoingRecord, ProducerPort } from '../port/broker-port';

export interface BatchingSettings {
  /** How long a record may wait for others before its batch is sent. */
  readonly lingerMs: number;
  /** Send as soon as this many bytes (keys + values) are waiting; also the most one request carries. */
  readonly batchBytes: number;
}

interface Pending {
  readonly record: OutgoingRecord;
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  /** Settles with the record, never rejects: what flush() waits for. */
  readonly settled: Promise<void>;
}

/**
 * Collects records into produce requests. Records become due when their linger time is up,
 * when the waiting bytes fill a batch, or when a caller flushes. One request is in flight at a
 * time, so records of a partition are written in the order they were published, retries
 * included; whatever waits while a request is in flight leaves together in the next one (at
 * most `batchBytes` per request), as the Java producer's accumulator does, instead of queueing
 * a request per caller.
 */
export class RecordBatcher {
  private waiting: Pending[] = [];
  private waitingBytes = 0;
  /** How many of the oldest waiting records must leave with the next request. */
  private due = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly producer: ProducerPort,
    private readonly settings: BatchingSettings,
  ) {}

  /** Resolves once the record is durably written; rejects with the send's typed error. */
  add(record: OutgoingRecord): Promise<void> {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const written = new Promise<void>((onWritten, onFailed) => {
      resolve = onWritten;
      reject = onFailed;
    });
    const bytes = (record.key?.length ?? 0) + (record.value?.length ?? 0);
    const settled = written.then(
      () => undefined,
      () => undefined,
    );
    this.waiting.push({ record, bytes, resolve, reject, settled });
    this.waitingBytes += bytes;
    if (this.waitingBytes >= this.settings.batchBytes || this.settings.lingerMs <= 0) {
      this.makeAllDue();
    } else {
      this.timer ??= setTimeout(() => this.makeAllDue(), this.settings.lingerMs);
    }
    return written;
  }

  /** Sends everything waiting now; resolves when all of it has been written or has failed. */
  flush(): Promise<void> {
    const pending = this.waiting.map((entry) => entry.settled);
    this.makeAllDue();
    return Promise.all([...pending, this.inFlight]).then(() => undefined);
  }

  get pendingRecords(): number {
    return this.waiting.length;
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
    let count = 0;
    let bytes = 0;
    while (
      count < this.waiting.length &&
      (count === 0 || bytes + (this.waiting[count]?.bytes ?? 0) <= this.settings.batchBytes)
    ) {
      bytes += this.waiting[count]?.bytes ?? 0;
      count += 1;
    }
    const batch = this.waiting.splice(0, count);
    this.waitingBytes -= bytes;
    this.due = Math.max(0, this.due - count);
    this.sending = true;
    this.inFlight = this.send(batch).finally(() => {
      this.sending = false;
      this.sendNext();
    });
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    try {
      await this.producer.send(batch.map((pending) => pending.record));
      for (const pending of batch) pending.resolve();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}

import type { OutgoingRecord, ProducerPort } from '../port/broker-port';

export interface BatchingSettings {
  /** How long a record may wait for others before its batch is sent. */
  readonly lingerMs: number;
  /** Send as soon as this many bytes (keys + values) are waiting. */
  readonly batchBytes: number;
}

interface Pending {
  readonly record: OutgoingRecord;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects records into produce requests: a request leaves when the linger time is up, when
 * the batch is full, or when a caller flushes. One request is in flight at a time, so records
 * of a partition are written in the order they were published, retries included.
 */
export class RecordBatcher {
  private waiting: Pending[] = [];
  private waitingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly producer: ProducerPort,
    private readonly settings: BatchingSettings,
  ) {}

  /** Resolves once the record is durably written; rejects with the send's typed error. */
  add(record: OutgoingRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      this.waitingBytes += (record.key?.length ?? 0) + (record.value?.length ?? 0);
      if (this.waitingBytes >= this.settings.batchBytes || this.settings.lingerMs <= 0) {
        void this.flush();
      } else {
        this.timer ??= setTimeout(() => void this.flush(), this.settings.lingerMs);
      }
    });
  }

  /** Sends everything waiting now; resolves when every request sent so far has completed. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    if (batch.length > 0) {
      this.inFlight = this.inFlight.then(() => this.send(batch));
    }
    return this.inFlight;
  }

  get pendingRecords(): number {
    return this.waiting.length;
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

import type { IncomingRecord, OutgoingRecord } from '../port/broker-port';
import type { EventWriter } from '../publish/event-writer';
import type { HandlerOutput } from './handled-event';

/**
 * What handlers publish, kept per handled record until the record settles: only the outputs of
 * the attempt that succeeded are written (an attempt that failed or timed out is discarded with
 * what it published), and the record waits for them even when its handler did not await its
 * publishes. A late publish of an abandoned attempt goes nowhere.
 */
export class HandlerOutputs {
  private readonly byRecord = new WeakMap<IncomingRecord, Promise<OutgoingRecord | undefined>[]>();

  constructor(private readonly writer: EventWriter) {}

  /** The output of one attempt at `record`; a new attempt replaces the previous one's. */
  attempt(record: IncomingRecord): HandlerOutput {
    const prepared: Promise<OutgoingRecord | undefined>[] = [];
    this.byRecord.set(record, prepared);
    return {
      publish: (topic, key, event, options) => {
        const preparing = this.writer.prepare(topic, key, event, options);
        // An invalid event is the handler's to see through its publish, not a write to wait for.
        prepared.push(
          preparing.then(
            (ready) => ready.record,
            () => undefined,
          ),
        );
        return preparing.then(() => undefined);
      },
    };
  }

  /** Drops what a failed attempt at `record` published. */
  discard(record: IncomingRecord): void {
    this.byRecord.delete(record);
  }

  /** The records the successful attempt at `record` published, in order; undefined for none. */
  take(record: IncomingRecord): Promise<OutgoingRecord[]> | undefined {
    const prepared = this.byRecord.get(record);
    this.byRecord.delete(record);
    if (!prepared || prepared.length === 0) return undefined;
    return Promise.all(prepared).then((records) =>
      records.filter((outgoing): outgoing is OutgoingRecord => outgoing !== undefined),
    );
  }
}

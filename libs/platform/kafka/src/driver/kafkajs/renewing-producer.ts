import { FieldlineError } from '@fieldline/shared-errors';
import type { Producer } from 'kafkajs';

/**
 * A kafkajs producer that is replaced after any failed request. kafkajs rolls its idempotence
 * sequence back when a send fails, even when the broker did write the batch (a timeout after
 * the write); the next batch would then reuse those sequence numbers and the broker would
 * acknowledge it as a duplicate without writing it. A fresh producer gets a new producer id (or,
 * when transactional, a new epoch that also aborts whatever its predecessor left open).
 */
export class RenewingProducer {
  private current: { readonly producer: Producer; readonly ready: Promise<void> } | undefined;
  /** Disconnected on purpose: work still holding this port must not reconnect it unseen. */
  private closed = false;

  constructor(private readonly create: () => Producer) {}

  /** Runs `work` on a connected producer; if it fails, the producer is retired. */
  async use<T>(work: (producer: Producer) => Promise<T>): Promise<T> {
    const producer = await this.connected();
    try {
      return await work(producer);
    } catch (error) {
      this.retire(producer);
      throw error;
    }
  }

  /** Allows connecting again after a disconnect (an explicit connect() of the port). */
  reopen(): void {
    this.closed = false;
  }

  async connected(): Promise<Producer> {
    if (this.closed) {
      throw new FieldlineError(
        'PUBLISH_REJECTED',
        'The producer was disconnected; connect it again before sending',
      );
    }
    if (!this.current) {
      const producer = this.create();
      this.current = { producer, ready: producer.connect() };
    }
    const { producer, ready } = this.current;
    try {
      await ready;
    } catch (error) {
      this.retire(producer);
      throw error;
    }
    return producer;
  }

  /** Stops using `producer`; the next call connects a new one. */
  retire(producer: Producer): void {
    if (this.current?.producer !== producer) return;
    this.current = undefined;
    void producer.disconnect().catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    await current.ready.catch(() => undefined);
    await current.producer.disconnect();
  }
}

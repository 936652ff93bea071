import type { EventName, EventsByName, TopicKey, TopicName } from '@fieldline/contracts';
import type { Headers } from '../port/broker-port';
import type { OutgoingEvent, PublishOptions } from '../publish/event-writer';

/** One decoded event as a handler sees it, and where to publish what handling it produces. */
export interface HandledEvent<N extends EventName = EventName> extends HandlerOutput {
  readonly type: N;
  /** The event as this build reads it, envelope included. */
  readonly event: EventsByName[N];
  readonly key: unknown;
  /** The catalog topic the event was published to (also when it arrives from a retry topic). */
  readonly topic: TopicName;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Headers;
  /** 1 on the first delivery; counts every earlier failed attempt, retry topics included. */
  readonly attempt: number;
  /**
   * Aborted when the handler's deadline passes; pass it to I/O that accepts one. `signal` and
   * `publish` are getters: a copy made by spreading the event (`{ ...handled }`) has neither.
   */
  readonly signal: AbortSignal;
}

export type EventHandler<N extends EventName> = (handled: HandledEvent<N>) => Promise<void>;

/**
 * Handles consecutive events of one type from one partition in a single call, in offset order
 * (a bulk write, say). Publish what handling an event produces with that event's `publish`:
 * it carries the event's causation and correlation ids.
 */
export type BatchHandler<N extends EventName> = (
  events: readonly HandledEvent<N>[],
) => Promise<void>;

export interface HandlerOptions {
  /**
   * The longest one attempt may take (for a batch handler, one call with its whole batch). The
   * member stays in its group while the handler runs; past the deadline the handler's signal is
   * aborted and the record (every record of the batch) goes to a retry topic.
   */
  readonly deadlineMs?: number;
}

export interface BatchHandlerOptions extends HandlerOptions {
  /** The most events one call receives (default 500); a fetch may hold more. */
  readonly maxBatchSize?: number;
}

export interface RegisteredHandler {
  /** Handles one event; for a batch handler, a batch of one. */
  readonly handle: EventHandler<EventName>;
  readonly deadlineMs: number;
  /** Present for a handler registered with onBatch. */
  readonly batch?: {
    readonly handle: BatchHandler<EventName>;
    readonly maxSize: number;
  };
}

/**
 * Publishing from inside a handler. `publish` resolves once the event is validated, encoded and
 * queued, so a handler does not wait a broker round trip per event; the handled record's offset
 * is committed only after everything it published is durably written (at-least-once runner) or
 * inside the same transaction (exactly-once stage). The envelope's causation and correlation
 * ids come from the handled event.
 */
export interface HandlerOutput {
  publish<O extends TopicName>(
    topic: O,
    key: TopicKey<O>,
    event: OutgoingEvent<O>,
    options?: PublishOptions,
  ): Promise<void>;
}

import type { EventName, EventsByName, TopicName } from '@fieldline/contracts';
import type { Headers } from '../port/broker-port';

/** One decoded event as a handler sees it. */
export interface HandledEvent<N extends EventName = EventName> {
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
  /** Aborted when the handler's deadline passes; pass it to I/O that accepts one. */
  readonly signal: AbortSignal;
}

export type EventHandler<N extends EventName, Extra = object> = (
  handled: HandledEvent<N> & Extra,
) => Promise<void>;

export interface HandlerOptions {
  /**
   * The longest one attempt may take. The member stays in its group while the handler runs; past
   * the deadline the handler's signal is aborted and the record goes to a retry topic.
   */
  readonly deadlineMs?: number;
}

export interface RegisteredHandler<Extra = object> {
  readonly handle: EventHandler<EventName, Extra>;
  readonly deadlineMs: number;
}

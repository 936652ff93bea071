import type { EventName, TopicName } from '@fieldline/contracts';
import { identityFromHeaders } from '../envelope/event-headers';
import type { HandlingContext } from '../envelope/handling-context';
import type { Headers, IncomingRecord } from '../port/broker-port';
import type { EventWriter } from '../publish/event-writer';
import { AttemptOutput } from './attempt-output';
import type { Attempt } from './deadline';
import type { HandledEvent, HandlerOutput } from './handled-event';

/**
 * The identity of the event a record carries: what events published while handling it
 * descend from.
 */
export function handlingOf(record: IncomingRecord, value: unknown): HandlingContext {
  const envelope = (value as { envelope?: { eventId: string; correlationId: string } }).envelope;
  const identity = envelope ? undefined : identityFromHeaders(record.headers);
  return {
    eventId:
      envelope?.eventId ??
      identity?.eventId ??
      `${record.topic}:${record.partition}:${record.offset}`,
    correlationId: envelope?.correlationId ?? identity?.correlationId ?? record.offset,
  };
}

/**
 * The event a handler gets. `signal` and `publish` are getters, so the AbortController and the
 * output behind them are made only for a handler that uses them; spreading the event does not
 * copy them (see HandledEvent).
 */
export class HandledRecord implements HandledEvent {
  readonly #running: Attempt;
  readonly #writer: EventWriter;
  readonly #handling: HandlingContext | undefined;
  #output: AttemptOutput | undefined;

  constructor(
    readonly type: EventName,
    readonly event: HandledEvent['event'],
    readonly key: unknown,
    readonly topic: TopicName,
    readonly partition: number,
    readonly offset: string,
    readonly headers: Headers,
    readonly attempt: number,
    running: Attempt,
    writer: EventWriter,
    /** Set when the attempt does not run as this event's handling (a batch handler's call). */
    handling?: HandlingContext,
  ) {
    this.#running = running;
    this.#writer = writer;
    this.#handling = handling;
  }

  get signal(): AbortSignal {
    return this.#running.signal;
  }

  get publish(): HandlerOutput['publish'] {
    this.#output ??= new AttemptOutput(this.#writer, this.#running, this.#handling);
    return this.#output.publish;
  }

  /** What this attempt published (see AttemptOutput.outputs). */
  outputs(): ReturnType<AttemptOutput['outputs']> {
    return this.#output?.outputs();
  }
}

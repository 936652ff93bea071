import { FieldlineError } from '@fieldline/shared-errors';
import type { OutgoingRecord } from '../port/broker-port';
import type { HandlingContext } from '../envelope/handling-context';
import type { EventWriter, PublishOptions } from '../publish/event-writer';
import type { HandlerOutput } from './handled-event';

/** A prepared output, or one waiting for the registry (undefined: the handler saw it fail). */
type Prepared = OutgoingRecord | Promise<OutgoingRecord | undefined>;

const queued = Promise.resolve();

/** The options with the ids of `handling` wherever they leave them to their defaults. */
function descendingFrom(handling: HandlingContext, options: PublishOptions = {}): PublishOptions {
  return {
    ...options,
    correlationId: options.correlationId ?? handling.correlationId,
    causationId: options.causationId !== undefined ? options.causationId : handling.eventId,
  };
}

/**
 * What one handler attempt publishes, written only if the attempt succeeds: a failed attempt's
 * outputs are dropped with it, and publishing once the attempt has ended (returned, failed or
 * timed out) rejects. Outputs are prepared at once in the steady state, so they are written in
 * the order of their records.
 */
export class AttemptOutput {
  private prepared: Prepared[] | undefined;
  readonly publish: HandlerOutput['publish'];

  /**
   * `handling` is the event the outputs descend from, when the attempt does not run as its
   * handling (a batch handler handles many events in one call).
   */
  constructor(
    writer: EventWriter,
    attempt: { readonly ended: boolean },
    handling?: HandlingContext,
  ) {
    this.publish = (topic, key, event, given) => {
      const options = handling ? descendingFrom(handling, given) : given;
      if (attempt.ended) {
        return Promise.reject(
          new FieldlineError(
            'PERMANENT_FAILURE',
            `A handler published to ${topic} after its attempt ended (it returned, failed or timed out); await every publish inside the handler`,
          ),
        );
      }
      const prepared = (this.prepared ??= []);
      try {
        const ready = writer.prepareIfReady(topic, key, event, options);
        if (ready) {
          prepared.push(ready.record);
          return queued;
        }
      } catch (error) {
        // An invalid event: the handler sees why, and nothing is written for it.
        return Promise.reject(error);
      }
      const preparing = writer.prepare(topic, key, event, options);
      const output = preparing.then(
        (ready) => ready.record,
        (error: unknown) => {
          // A registry outage fails the record (read again later); anything else is the
          // handler's to see through its publish.
          if (error instanceof FieldlineError && error.retriable) throw error;
          return undefined;
        },
      );
      output.catch(() => undefined); // observed by outputs()
      prepared.push(output);
      return preparing.then(() => undefined);
    };
  }

  /**
   * What the attempt published, in order; a promise while some outputs still wait for the
   * registry, rejecting when it could not be reached; undefined for nothing.
   */
  outputs(): readonly OutgoingRecord[] | Promise<readonly OutgoingRecord[]> | undefined {
    const prepared = this.prepared;
    if (!prepared || prepared.length === 0) return undefined;
    if (!prepared.some((output) => output instanceof Promise)) return prepared as OutgoingRecord[];
    return Promise.all(prepared).then((outputs) =>
      outputs.filter((output): output is OutgoingRecord => output !== undefined),
    );
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** The event whose handler is running: what events published from inside it descend from. */
export interface HandlingContext {
  readonly eventId: string;
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<HandlingContext>();

/** Runs `work(argument)` as the handling of `context` (an argument, so no closure per record). */
export function runHandling<A, T>(
  context: HandlingContext,
  work: (argument: A) => T,
  argument: A,
): T {
  return storage.run(context, work, argument);
}

export function currentHandling(): HandlingContext | undefined {
  return storage.getStore();
}

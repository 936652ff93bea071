import { AsyncLocalStorage } from 'node:async_hooks';

/** The event whose handler is running: what events published from inside it descend from. */
export interface HandlingContext {
  readonly eventId: string;
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<HandlingContext>();

export function runHandling<T>(context: HandlingContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentHandling(): HandlingContext | undefined {
  return storage.getStore();
}

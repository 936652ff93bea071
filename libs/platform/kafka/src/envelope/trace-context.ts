import { context, propagation, type Context } from '@opentelemetry/api';
import type { Headers } from '../port/broker-port';

/** Writes the active trace context (W3C traceparent/tracestate) into `headers`, if any. */
export function injectTraceContext(
  headers: Record<string, string>,
  from: Context = context.active(),
): void {
  propagation.inject(from, headers);
}

/**
 * Runs `work(...args)` inside the trace context a record carries, so its spans and publishes
 * join the trace.
 */
export function withTraceContextOf<A extends unknown[], T>(
  headers: Headers,
  work: (...args: A) => T,
  ...args: A
): T {
  return context.with(propagation.extract(context.active(), headers), work, undefined, ...args);
}

import { context, propagation, type Context } from '@opentelemetry/api';
import type { Headers } from '../port/broker-port';

/** Writes the active trace context (W3C traceparent/tracestate) into `headers`, if any. */
export function injectTraceContext(
  headers: Record<string, string>,
  from: Context = context.active(),
): void {
  propagation.inject(from, headers);
}

/** Runs `work` inside the trace context a record carries, so its spans and publishes join the trace. */
export function withTraceContextOf<T>(headers: Headers, work: () => T): T {
  return context.with(propagation.extract(context.active(), headers), work);
}

import type { Headers } from '../port/broker-port';

/**
 * Header names every Fieldline record carries, so tools and other languages can route and
 * trace a record without decoding its Avro body. The Avro envelope holds the same identity.
 */
export const eventHeaders = {
  eventId: 'fieldline-event-id',
  eventType: 'fieldline-event-type',
  correlationId: 'fieldline-correlation-id',
  causationId: 'fieldline-causation-id',
  producer: 'fieldline-producer',
  /** W3C trace context (https://www.w3.org/TR/trace-context/). */
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export interface EventIdentity {
  readonly eventId: string;
  readonly eventType: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly producer: string;
}

/** Writes the identity headers into `headers` (a new object by default) and returns it. */
export function identityHeaders(
  identity: EventIdentity,
  headers: Record<string, string> = {},
): Record<string, string> {
  headers[eventHeaders.eventId] = identity.eventId;
  headers[eventHeaders.eventType] = identity.eventType;
  headers[eventHeaders.correlationId] = identity.correlationId;
  headers[eventHeaders.producer] = identity.producer;
  if (identity.causationId !== null) headers[eventHeaders.causationId] = identity.causationId;
  return headers;
}

/** The identity a record's headers declare; undefined when it was not written by Fieldline. */
export function identityFromHeaders(headers: Headers): EventIdentity | undefined {
  const eventId = headers[eventHeaders.eventId];
  const eventType = headers[eventHeaders.eventType];
  if (!eventId || !eventType) return undefined;
  return {
    eventId,
    eventType,
    correlationId: headers[eventHeaders.correlationId] ?? eventId,
    causationId: headers[eventHeaders.causationId] ?? null,
    producer: headers[eventHeaders.producer] ?? 'unknown',
  };
}

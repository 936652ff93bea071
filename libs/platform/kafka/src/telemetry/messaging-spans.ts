import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import type { Headers, IncomingRecord, OutgoingRecord } from '../port/broker-port';
import { eventHeaders } from '../envelope/event-headers';
import { fieldline, kafkaSystem, messaging } from './messaging-attributes';

const tracer = trace.getTracer('@fieldline/platform-kafka');

/**
 * Whether the sampler follows the parent's decision: the SDK's default, every `parentbased_*`
 * sampler, and what telemetry starts without an exporter. Then a span under an unsampled parent
 * would record nothing, and the parent's own context carries the trace on at no cost: no
 * sampling call, no span id, no attribute copies for each of thousands of records a second.
 */
const samplerFollowsParent = (process.env['OTEL_TRACES_SAMPLER'] ?? 'parentbased_').startsWith(
  'parentbased_',
);

/** `parent` when a span started under it would not be recorded; otherwise undefined. */
function unsampledParent(parent: Context): Context | undefined {
  if (!samplerFollowsParent) return undefined;
  const spanContext = trace.getSpanContext(parent);
  return spanContext && (spanContext.traceFlags & TraceFlags.SAMPLED) === 0 ? parent : undefined;
}

/**
 * At most this many records' contexts are read for a send span's links; the SDK keeps
 * OTEL_SPAN_LINK_COUNT_LIMIT of them (128 by default).
 */
const maxLinks = 1_000;

/**
 * Marks the creation of a record: a PRODUCER span, child of whatever is running (an HTTP
 * request, the handling of another record), whose context the record carries in its headers.
 * It ends at once; the `send` span of the request that writes the record links back to it.
 */
export function traceCreation(
  topic: string,
  headers: Record<string, string>,
  attributes: Attributes = {},
): void {
  const active = context.active();
  const unsampled = unsampledParent(active);
  if (unsampled) {
    propagation.inject(unsampled, headers);
    return;
  }
  const span = tracer.startSpan(`create ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [messaging.system]: kafkaSystem,
      [messaging.operationName]: 'create',
      [messaging.operationType]: 'create',
      [messaging.destination]: topic,
      [messaging.messageId]: headers[eventHeaders.eventId],
      [fieldline.eventType]: headers[eventHeaders.eventType],
      ...attributes,
    },
  });
  // Without a tracer provider (a tool, a test) the span has no trace of its own to carry on.
  propagation.inject(
    isSpanContextValid(span.spanContext()) ? trace.setSpan(active, span) : active,
    headers,
  );
  span.end();
}

/**
 * The context a record's headers carry, to continue its trace. Records written together
 * usually carry the same context (the readings of one request, under an unsampled parent), so
 * the last one extracted is reused while the propagator's headers are the same: extracting
 * parses the traceparent with a regular expression, and a context never changes. This assumes
 * the propagator reads only the headers its `fields()` names, as the W3C trace-context and
 * baggage propagators (the SDK's default) do.
 */
export function contextOf(headers: Headers): Context {
  const fields = propagation.fields();
  const last = lastExtracted;
  if (
    last &&
    last.fields.length === fields.length &&
    fields.every(
      (name, index) => last.fields[index] === name && last.values[index] === headers[name],
    )
  ) {
    return last.context;
  }
  const extracted = propagation.extract(ROOT_CONTEXT, headers);
  lastExtracted = { fields, values: fields.map((name) => headers[name]), context: extracted };
  return extracted;
}

let lastExtracted:
  | {
      readonly fields: readonly string[];
      readonly values: readonly (string | undefined)[];
      readonly context: Context;
    }
  | undefined;

/** What every `process` span says: the operation, where the records came from, the group. */
function processAttributes(
  { topic, partition }: { readonly topic: string; readonly partition: number },
  groupId: string,
): Attributes {
  return {
    [messaging.system]: kafkaSystem,
    [messaging.operationName]: 'process',
    [messaging.operationType]: 'process',
    [messaging.destination]: topic,
    [messaging.partition]: String(partition),
    [messaging.consumerGroup]: groupId,
  };
}

/**
 * A CONSUMER `process` span for one record, child of the context the record carries, so the
 * trace goes on through whatever its handler publishes.
 */
export function startProcessSpan(
  record: IncomingRecord,
  groupId: string,
): { readonly span: Span; readonly context: Context } {
  const parent = contextOf(record.headers);
  const unsampled = unsampledParent(parent);
  if (unsampled) return { span: trace.getSpan(unsampled) as Span, context: unsampled };
  const span = tracer.startSpan(
    `process ${record.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...processAttributes(record, groupId),
        [messaging.offset]: Number(record.offset),
        [messaging.messageId]: record.headers[eventHeaders.eventId],
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/**
 * A CONSUMER `process` span for consecutive records of one partition handled in one call. It
 * starts a trace of its own and links to the context each record carries; what the handler
 * publishes continues this span's trace.
 */
export function startBatchProcessSpan(
  records: readonly IncomingRecord[],
  groupId: string,
): { readonly span: Span; readonly context: Context } {
  const first = records[0] as IncomingRecord;
  const span = tracer.startSpan(
    `process ${first.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...processAttributes(first, groupId),
        [messaging.batchCount]: records.length,
      },
    },
    ROOT_CONTEXT,
  );
  if (span.isRecording()) span.addLinks(linksTo(records));
  return { span, context: trace.setSpan(ROOT_CONTEXT, span) };
}

/**
 * Runs the write of a batch of records under a `send` span. Many callers' records share one
 * request, so the span starts a trace of its own and links to each record's creation.
 */
export async function traceSend<T>(
  records: readonly OutgoingRecord[],
  attributes: Attributes,
  send: () => Promise<T>,
): Promise<T> {
  const topics = [...new Set(records.map((record) => record.topic))];
  const span = tracer.startSpan(
    `send ${topics.length === 1 ? topics[0] : 'batch'}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [messaging.system]: kafkaSystem,
        [messaging.operationName]: 'send',
        [messaging.operationType]: 'send',
        [messaging.destination]: topics.length === 1 ? topics[0] : undefined,
        [messaging.batchCount]: records.length,
        ...attributes,
      },
    },
    ROOT_CONTEXT,
  );
  if (span.isRecording()) span.addLinks(linksTo(records));
  try {
    // The request runs in its own span, not in the context of whichever caller's record
    // happened to start the batcher.
    return await context.with(trace.setSpan(ROOT_CONTEXT, span), send);
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks `span` failed with `error`. */
export function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

function linksTo(records: readonly { readonly headers: Headers }[]): Link[] {
  const links: Link[] = [];
  for (const record of records) {
    if (links.length >= maxLinks) break;
    const linked = trace.getSpanContext(contextOf(record.headers));
    if (linked) links.push({ context: linked });
  }
  return links;
}

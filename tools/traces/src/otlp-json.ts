/** A span as the receiver keeps it, decoded from an OTLP/JSON export request. */
export interface StoredSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly service: string;
  /** Milliseconds since the epoch, with the fraction the nanoseconds give. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly events: readonly {
    readonly name: string;
    readonly atMs: number;
    readonly attributes: Readonly<Record<string, unknown>>;
  }[];
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
  readonly status: { readonly code: 'UNSET' | 'OK' | 'ERROR'; readonly message?: string };
}

export type SpanKindName =
  'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER' | 'UNSPECIFIED';

const kinds: SpanKindName[] = [
  'UNSPECIFIED',
  'INTERNAL',
  'SERVER',
  'CLIENT',
  'PRODUCER',
  'CONSUMER',
];
const statusCodes = ['UNSET', 'OK', 'ERROR'] as const;

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
}

interface KeyValue {
  key: string;
  value?: AnyValue;
}

interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  events?: { name?: string; timeUnixNano?: string | number; attributes?: KeyValue[] }[];
  links?: { traceId?: string; spanId?: string }[];
  status?: { code?: number; message?: string };
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

/** The problem with an export request, named for the sender. */
export class InvalidExport extends Error {}

/**
 * Decodes an OTLP/JSON ExportTraceServiceRequest (trace and span ids as hex, as OTLP/JSON
 * requires). Throws InvalidExport naming the first field that is wrong.
 */
export function decodeTraceExport(body: unknown): StoredSpan[] {
  if (!body || typeof body !== 'object' || !Array.isArray((body as ExportRequest).resourceSpans)) {
    throw new InvalidExport(
      'expected an ExportTraceServiceRequest: an object with resourceSpans[]',
    );
  }
  const spans: StoredSpan[] = [];
  for (const [r, resourceSpans] of ((body as ExportRequest).resourceSpans ?? []).entries()) {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    const service = String(resource['service.name'] ?? 'unknown_service');
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const [s, span] of (scopeSpans.spans ?? []).entries()) {
        spans.push(decodeSpan(span, service, `resourceSpans[${r}].spans[${s}]`));
      }
    }
  }
  return spans;
}

function decodeSpan(span: OtlpSpan, service: string, at: string): StoredSpan {
  const traceId = hexId(span.traceId, 32, `${at}.traceId`);
  const spanId = hexId(span.spanId, 16, `${at}.spanId`);
  const startMs = nanosToMs(span.startTimeUnixNano, `${at}.startTimeUnixNano`);
  const endMs = nanosToMs(span.endTimeUnixNano, `${at}.endTimeUnixNano`);
  return {
    traceId,
    spanId,
    parentSpanId: span.parentSpanId
      ? hexId(span.parentSpanId, 16, `${at}.parentSpanId`)
      : undefined,
    name: span.name ?? '',
    kind: kinds[span.kind ?? 0] ?? 'UNSPECIFIED',
    service,
    startMs,
    durationMs: Math.max(0, endMs - startMs),
    attributes: attributesOf(span.attributes),
    events: (span.events ?? []).map((event, index) => ({
      name: event.name ?? '',
      atMs: nanosToMs(event.timeUnixNano, `${at}.events[${index}].timeUnixNano`),
      attributes: attributesOf(event.attributes),
    })),
    links: (span.links ?? []).map((link, index) => ({
      traceId: hexId(link.traceId, 32, `${at}.links[${index}].traceId`),
      spanId: hexId(link.spanId, 16, `${at}.links[${index}].spanId`),
    })),
    status: {
      code: statusCodes[span.status?.code ?? 0] ?? 'UNSET',
      message: span.status?.message || undefined,
    },
  };
}

function hexId(value: unknown, length: number, at: string): string {
  if (typeof value !== 'string' || !new RegExp(`^[0-9a-f]{${length}}$`, 'i').test(value)) {
    throw new InvalidExport(`${at} must be ${length} hex digits (got ${JSON.stringify(value)})`);
  }
  return value.toLowerCase();
}

function nanosToMs(value: unknown, at: string): number {
  if ((typeof value !== 'string' && typeof value !== 'number') || !/^\d+$/.test(String(value))) {
    throw new InvalidExport(`${at} must be a count of nanoseconds (got ${JSON.stringify(value)})`);
  }
  const nanos = BigInt(value);
  return Number(nanos / 1_000_000n) + Number(nanos % 1_000_000n) / 1e6;
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) attributes[key] = valueOf(value);
  return attributes;
}

function valueOf(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  return undefined;
}

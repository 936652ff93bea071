import { decodeTraceExport, InvalidExport } from './otlp-json';
import { SpanStore } from './span-store';
import { ancestry, renderWaterfall } from './waterfall';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

function otlpSpan(
  spanId: string,
  parentSpanId: string,
  name: string,
  startMs: number,
  endMs: number,
  extra = {},
) {
  return {
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: 5,
    startTimeUnixNano: String(BigInt(startMs) * 1_000_000n),
    endTimeUnixNano: String(BigInt(endMs) * 1_000_000n),
    attributes: [
      { key: 'messaging.destination.name', value: { stringValue: 'patterns' } },
      { key: 'messaging.kafka.offset', value: { intValue: '42' } },
    ],
    ...extra,
  };
}

function exportOf(service: string, spans: object[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ spans }],
      },
    ],
  };
}

describe('decodeTraceExport', () => {
  it('reads spans with their service, times, attributes, events, links and status', () => {
    const [span] = decodeTraceExport(
      exportOf('field-state', [
        otlpSpan('00f067aa0ba902b7', '', 'process patterns', 1_000, 1_250, {
          events: [
            {
              name: 'retry',
              timeUnixNano: '1100000000',
              attributes: [{ key: 'fieldline.attempt', value: { intValue: 1 } }],
            },
          ],
          links: [{ traceId, spanId: '1111111111111111' }],
          status: { code: 2, message: 'boom' },
        }),
      ]),
    );
    expect(span).toEqual({
      traceId,
      spanId: '00f067aa0ba902b7',
      parentSpanId: undefined,
      name: 'process patterns',
      kind: 'CONSUMER',
      service: 'field-state',
      startMs: 1_000,
      durationMs: 250,
      attributes: { 'messaging.destination.name': 'patterns', 'messaging.kafka.offset': 42 },
      events: [{ name: 'retry', atMs: 1_100, attributes: { 'fieldline.attempt': 1 } }],
      links: [{ traceId, spanId: '1111111111111111' }],
      status: { code: 'ERROR', message: 'boom' },
    });
  });

  it.each([
    [{}, 'expected an ExportTraceServiceRequest: an object with resourceSpans[]'],
    [
      exportOf('x', [
        { ...otlpSpan('00f067aa0ba902b7', '', 'a', 0, 1), traceId: 'S0+VNXezTaajzpIEgQr0Ng==' },
      ]),
      'resourceSpans[0].spans[0].traceId must be 32 hex digits',
    ],
    [
      exportOf('x', [
        { ...otlpSpan('00f067aa0ba902b7', '', 'a', 0, 1), startTimeUnixNano: 'soon' },
      ]),
      'resourceSpans[0].spans[0].startTimeUnixNano must be a count of nanoseconds',
    ],
  ])('names what is wrong in %j', (body, message) => {
    expect(() => decodeTraceExport(body)).toThrow(InvalidExport);
    expect(() => decodeTraceExport(body)).toThrow(message);
  });
});

describe('SpanStore', () => {
  it('forgets the oldest traces first once full', () => {
    const store = new SpanStore(2);
    const span = (trace: string, id: string) =>
      decodeTraceExport(
        exportOf('x', [{ ...otlpSpan(id, '', 'a', 0, 1), traceId: trace.repeat(32) }]),
      );
    store.add(span('a', '1111111111111111'));
    store.add(span('b', '2222222222222222'));
    store.add(span('c', '3333333333333333'));
    expect(store.summaries().map((summary) => summary.traceId[0])).toEqual(['c', 'b']);
    expect(store.trace('a'.repeat(32))).toEqual([]);
  });
});

describe('waterfall', () => {
  const spans = decodeTraceExport(
    exportOf('pattern-detector', [
      otlpSpan('2222222222222222', '1111111111111111', 'process observations', 10, 30),
      otlpSpan('1111111111111111', '', 'POST /v1/imports', 0, 40, { kind: 2 }),
      otlpSpan('3333333333333333', '2222222222222222', 'create patterns', 20, 20, { kind: 4 }),
      otlpSpan('4444444444444444', '1111111111111111', 'unrelated', 5, 6),
    ]),
  );

  it('follows a span up to its root', () => {
    expect(ancestry(spans, '3333333333333333').map((span) => span.name)).toEqual([
      'POST /v1/imports',
      'process observations',
      'create patterns',
    ]);
  });

  it('draws each span under its parent, in start order, on one time scale', () => {
    const lines = renderWaterfall(spans, 8).split('\n');
    expect(lines[0]).toBe(`trace ${traceId}: 4 spans, 1 services, 40.0 ms`);
    expect(lines.slice(1, 5).map((line) => line.slice(20))).toEqual([
      '|████████| pattern-detector server "POST /v1/imports"  messaging.destination.name=patterns messaging.kafka.offset=42',
      '| █      |   pattern-detector consumer "unrelated"  messaging.destination.name=patterns messaging.kafka.offset=42',
      '|  ████  |   pattern-detector consumer "process observations"  messaging.destination.name=patterns messaging.kafka.offset=42',
      '|    █   |     pattern-detector producer "create patterns"  messaging.destination.name=patterns messaging.kafka.offset=42',
    ]);
  });
});

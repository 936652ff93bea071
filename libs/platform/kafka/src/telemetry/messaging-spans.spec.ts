import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { contextOf } from './messaging-spans';

const traceparentOf = (traceId: string, flags = '01') => `00-${traceId}-b7ad6b7169203331-${flags}`;
const first = '0af7651916cd43dd8448eb211c80319c';
const second = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('contextOf: the trace context a record carries', () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  const traceOf = (headers: Record<string, string>) => trace.getSpanContext(contextOf(headers));

  it("continues each record's own trace, records of one request and of another alike", () => {
    const ofFirst = { traceparent: traceparentOf(first) };
    const ofSecond = { traceparent: traceparentOf(second, '00') };
    expect(traceOf(ofFirst)).toMatchObject({ traceId: first, traceFlags: 1, isRemote: true });
    expect(traceOf({ ...ofFirst, 'fieldline-event-id': 'another' })?.traceId).toBe(first);
    expect(traceOf(ofSecond)).toMatchObject({ traceId: second, traceFlags: 0 });
    expect(traceOf(ofFirst)?.traceId).toBe(first);
  });

  it('reads the trace state with its trace, and no trace from a record without one', () => {
    const headers = { traceparent: traceparentOf(first) };
    expect(traceOf(headers)?.traceState).toBeUndefined();
    expect(traceOf({ ...headers, tracestate: 'vendor=1' })?.traceState?.get('vendor')).toBe('1');
    expect(traceOf({})).toBeUndefined();
    expect(traceOf({ traceparent: 'not a trace context' })).toBeUndefined();
  });
});

import { startTraceReceiver, type TraceReceiver } from './trace-receiver';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const exportRequest = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'notifier' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId,
              spanId: '00f067aa0ba902b7',
              name: 'process notifications',
              kind: 5,
              startTimeUnixNano: '1700000000000000000',
              endTimeUnixNano: '1700000000250000000',
            },
          ],
        },
      ],
    },
  ],
};

describe('the trace receiver', () => {
  let receiver: TraceReceiver;
  beforeAll(async () => (receiver = await startTraceReceiver()));
  afterAll(() => receiver.stop());

  const post = (body: string, type = 'application/json') =>
    fetch(`${receiver.url}/v1/traces`, { method: 'POST', headers: { 'content-type': type }, body });

  it('takes an OTLP/JSON export and shows the trace as JSON, HTML and text', async () => {
    expect((await post(JSON.stringify(exportRequest))).status).toBe(200);
    const list = (await (await fetch(`${receiver.url}/api/traces`)).json()) as {
      traceId: string;
      root: string;
    }[];
    expect(list).toEqual([
      expect.objectContaining({ traceId, root: 'notifier: process notifications', spanCount: 1 }),
    ]);
    const page = await (await fetch(`${receiver.url}/traces/${traceId}`)).text();
    expect(page).toContain('<b>notifier</b> process notifications');
    expect(await (await fetch(`${receiver.url}/traces/${traceId}.txt`)).text()).toContain(
      'notifier consumer "process notifications"',
    );
    expect((await fetch(`${receiver.url}/api/traces/${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('answers a protobuf export with 415 and what to set, and a malformed one with 400 naming the field', async () => {
    const protobuf = await post('\u0000', 'application/x-protobuf');
    expect(protobuf.status).toBe(415);
    expect(((await protobuf.json()) as { message: string }).message).toContain(
      'OTEL_EXPORTER_OTLP_PROTOCOL=http/json',
    );
    const malformed = await post(
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'x' }] }] }] }),
    );
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toBe(
      'resourceSpans[0].spans[0].traceId must be 32 hex digits (got "x")',
    );
  });
});

import {
  ancestry,
  renderWaterfall,
  startTraceReceiver,
  type StoredSpan,
  type TraceReceiver,
} from '@fieldline/traces';
import { waitFor } from '@fieldline/testing';
import { heatWaveAndDroughtCsv } from '../support/climate-csv';
import { Pipeline } from '../support/pipeline';
import { smtpSink, webhookReceiver } from '../support/receivers';
import { importCsv, subscribe } from './pipeline-fixture';

/** Every span exported as soon as it ends would be slow; 200 ms batches keep the test quick. */
const traced = {
  OTEL_TRACES_SAMPLER: 'parentbased_always_on',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_BSP_SCHEDULE_DELAY: '200',
  OTEL_BSP_MAX_QUEUE_SIZE: '100000',
  OTEL_METRICS_EXPORTER: 'none',
};

describe('one trace from ingest to notification', () => {
  let receiver: TraceReceiver;
  let pipeline: Pipeline;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let mail: Awaited<ReturnType<typeof smtpSink>>;

  beforeAll(async () => {
    receiver = await startTraceReceiver();
    hook = await webhookReceiver();
    mail = await smtpSink();
    pipeline = await Pipeline.start({
      ...traced,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      SMTP_URL: mail.url,
    });
  }, 240_000);

  afterAll(async () => {
    await pipeline?.stop();
    await hook?.close();
    await mail?.close();
    await receiver?.stop();
  });

  it('connects the import request, every stage and the webhook request in one trace', async () => {
    await subscribe(pipeline.url('notifier'), 'webhook', hook.url);
    const file = heatWaveAndDroughtCsv();
    const { status } = await importCsv(pipeline.url('ingest-gateway'), file.header, file.lines);
    expect(status).toBe(200);
    await waitFor(() => hook.received.length > 0, {
      description: 'a webhook delivery',
      timeoutMs: 120_000,
    });

    // traceparent: version-traceid-parentid-flags; the parent is the notifier's HTTP client span.
    const [, traceId, webhookSpanId] = (hook.received[0]?.traceparent ?? '').split('-');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    let path: StoredSpan[] = [];
    await waitFor(
      () => {
        path = ancestry(receiver.store.trace(traceId!), webhookSpanId!);
        return path[0]?.kind === 'SERVER';
      },
      { description: 'the webhook span and all its ancestors exported', timeoutMs: 30_000 },
    );
    process.stdout.write(renderWaterfall(path));

    // Hop by hop, each span the child of the one before it.
    expect(path.map((span) => `${span.service} ${span.kind} ${span.name}`)).toEqual([
      expect.stringMatching(/^ingest-gateway SERVER POST \/v1\/imports$/),
      // The express instrumentation's span of the route's handler.
      'ingest-gateway INTERNAL request handler',
      expect.stringMatching(/^ingest-gateway PRODUCER create .*observations$/),
      expect.stringMatching(/^pattern-detector CONSUMER process .*observations$/),
      expect.stringMatching(/^pattern-detector PRODUCER create .*patterns$/),
      expect.stringMatching(/^relationship-detector CONSUMER process .*patterns$/),
      expect.stringMatching(/^relationship-detector PRODUCER create .*pattern-neighbourhoods$/),
      expect.stringMatching(/^relationship-detector CONSUMER process .*pattern-neighbourhoods$/),
      expect.stringMatching(/^relationship-detector PRODUCER create .*relationships$/),
      expect.stringMatching(/^notifier CONSUMER process .*relationships$/),
      expect.stringMatching(/^notifier PRODUCER create .*notifications$/),
      expect.stringMatching(/^notifier CONSUMER process .*notifications$/),
      expect.stringMatching(/^notifier CLIENT POST/),
    ]);
    for (const [index, span] of path.entries()) {
      if (index > 0) expect(span.parentSpanId).toBe(path[index - 1]?.spanId);
    }
    const webhook = path.at(-1)!;
    expect(webhook.attributes['url.full']).toBe(hook.url);

    // Consumer spans carry the messaging conventions' attributes.
    for (const span of path.filter((span) => span.kind === 'CONSUMER')) {
      expect(span.attributes).toMatchObject({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': expect.any(String),
        'messaging.destination.partition.id': expect.stringMatching(/^\d+$/),
        'messaging.kafka.offset': expect.any(Number),
        'messaging.consumer.group.name': expect.any(String),
        'messaging.message.id': expect.any(String),
      });
    }
    for (const span of path.filter((span) => span.kind === 'PRODUCER')) {
      expect(span.attributes).toMatchObject({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'create',
        'messaging.message.id': expect.any(String),
      });
    }

    // The detected pattern reaches every group that reads patterns, in the same trace.
    const patternCreated = path[4]!;
    const spans = receiver.store.trace(traceId!);
    expect(
      spans
        .filter((span) => span.parentSpanId === patternCreated.spanId && span.kind === 'CONSUMER')
        .map((span) => span.service)
        .sort(),
    ).toEqual(['field-state', 'notifier', 'relationship-detector']);

    // The notifier's ledger writes (PostgreSQL, the pg instrumentation) are inside the
    // handling of the relationship that caused the notification.
    const relationshipHandled = path.find(
      (span) => span.service === 'notifier' && span.name.endsWith('.relationships'),
    )!;
    expect(
      spans.some(
        (span) =>
          span.parentSpanId === relationshipHandled.spanId &&
          span.kind === 'CLIENT' &&
          (span.attributes['db.system'] ?? span.attributes['db.system.name']) === 'postgresql',
      ),
    ).toBe(true);

    // Records are written in requests of many records each: a send span per request, linked
    // to the creation of each record it carried (up to the SDK's 128 links per span).
    const creations = new Set(
      spans
        .filter((span) => span.service === 'ingest-gateway' && span.kind === 'PRODUCER')
        .map((span) => span.spanId),
    );
    const sends = receiver.store.find(
      (span) =>
        span.service === 'ingest-gateway' &&
        span.attributes['messaging.operation.type'] === 'send' &&
        span.links.some((link) => creations.has(link.spanId)),
    );
    expect(sends.length).toBeGreaterThan(0);
    for (const send of sends) {
      expect(send.kind).toBe('CLIENT');
      expect(send.links).toHaveLength(
        Math.min(128, Number(send.attributes['messaging.batch.message_count'])),
      );
      expect(send.links.every((link) => link.traceId === traceId)).toBe(true);
    }
  });
});

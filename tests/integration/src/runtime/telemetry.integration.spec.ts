import { context, metrics, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { deadLetterTopicName, retryTopicName } from '@fieldline/platform-kafka';
import { localHistogramProducer } from '@fieldline/platform-telemetry';
import { FieldlineError } from '@fieldline/shared-errors';
import { uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

/** Collects when asked, as a Prometheus scrape does. */
class OnDemandReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('telemetry of failures: the trace of a record that failed, and the metrics SREs alert on', () => {
  const spans = new InMemorySpanExporter();
  const reader = new OnDemandReader({ metricProducers: [localHistogramProducer()] });
  let tracer: Tracer;

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
    );
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    tracer = trace.getTracer('telemetry-test');
  });

  /** The values of a metric's data points whose attributes include `where`, as collected now. */
  async function valuesOf(name: string, where: Record<string, string>): Promise<unknown[]> {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .filter((metric) => metric.descriptor.name === name)
      .flatMap((metric) => metric.dataPoints as { attributes: object; value: unknown }[])
      .filter((point) =>
        Object.entries(where).every(
          ([key, value]) => (point.attributes as Record<string, unknown>)[key] === value,
        ),
      )
      .map((point) => point.value);
  }

  /** The sum of a metric's data points whose attributes include `where`. */
  const metricSum = async (name: string, where: Record<string, string>) =>
    (await valuesOf(name, where)).reduce<number>((sum, value) => sum + (value as number), 0);

  /** How many values a histogram's data points whose attributes include `where` hold. */
  const histogramCount = async (name: string, where: Record<string, string>) =>
    (await valuesOf(name, where)).reduce<number>(
      (count, value) => count + (value as { count: number }).count,
      0,
    );

  const inTrace = (traceId: string) =>
    spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  const named = (list: ReadableSpan[], prefix: string) =>
    list.filter((span) => span.name.startsWith(prefix));

  it('puts retries, the retry topic and the DLQ move in the failed record’s trace, and counts DLQ moves and lag', async () => {
    const topics = await freshTopics('observations');
    const observations = topics.observations as string;
    const runtime = testRuntime('telemetry-test', topics, { lagIntervalMs: 500 });
    const groupId = uniqueName('telemetry-group');
    const publisher = runtime.publisher({ lingerMs: 0 });
    let flakyFailures = 0;
    const consumer = runtime
      .consumer({
        groupId,
        topics: ['observations'],
        retry: { attemptsInProcess: 2, baseDelayMs: 10, maxDelayMs: 20, retryTopicDelaysMs: [500] },
      })
      .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
        if (event.source === 'poison') {
          throw new FieldlineError('PERMANENT_FAILURE', 'poison readings are refused');
        }
        // Fails both attempts in process, then succeeds from the retry topic.
        if (event.source === 'flaky' && flakyFailures < 2) {
          flakyFailures += 1;
          throw new FieldlineError('TRANSIENT_FAILURE', 'station briefly unreachable');
        }
      });
    const send = (source: string) =>
      tracer.startActiveSpan(`publish ${source}`, async (root) => {
        await publisher.publish(
          'observations',
          { regionId: 'r-00-00' },
          observationEvent({ source }),
        );
        root.end();
        return root.spanContext().traceId;
      });
    await consumer.start();
    try {
      const poisonTrace = await send('poison');
      const flakyTrace = await send('flaky');
      await waitFor(() => consumer.stats().deadLettered === 1 && consumer.stats().handled === 1, {
        description: `poison dead-lettered, flaky handled (${JSON.stringify(consumer.stats())})`,
        timeoutMs: 60_000,
      });

      // The poison record: its process span failed, says where the record went, and the DLQ
      // copy is created inside it, so the DLQ record (and a redrive) continues this trace.
      const poison = inTrace(poisonTrace);
      const [poisonProcess] = named(poison, `process ${observations}`);
      expect(poisonProcess?.status).toMatchObject({
        code: 2,
        message: 'poison readings are refused',
      });
      expect(poisonProcess?.events.map((event) => event.name)).toEqual([
        'exception',
        'dead-lettered',
      ]);
      const dlq = deadLetterTopicName(observations, groupId);
      const [dlqCreate] = named(poison, `create ${dlq}`);
      expect(dlqCreate?.parentSpanContext?.spanId).toBe(poisonProcess?.spanContext().spanId);

      // The flaky record: two attempts in process (one retry event), a hop through the retry
      // topic, and a second process span that continues from the retry copy.
      const flaky = inTrace(flakyTrace);
      const processes = named(flaky, 'process ');
      expect(processes.map((span) => span.name)).toEqual([
        `process ${observations}`,
        `process ${retryTopicName(observations, groupId, 1)}`,
      ]);
      const [first, second] = processes;
      expect(first?.events.map((event) => event.name)).toEqual([
        'retry',
        'exception',
        'forwarded to retry topic',
      ]);
      expect(first?.events[0]?.attributes).toMatchObject({
        'fieldline.attempt': 1,
        'exception.type': 'TRANSIENT_FAILURE',
      });
      const [retryCreate] = named(flaky, `create ${retryTopicName(observations, groupId, 1)}`);
      expect(retryCreate?.parentSpanContext?.spanId).toBe(first?.spanContext().spanId);
      expect(second?.parentSpanContext?.spanId).toBe(retryCreate?.spanContext().spanId);
      expect(second?.attributes['fieldline.outcome']).toBe('handled');

      // Metrics: one DLQ move; retries in process and through the retry topic; no lag.
      const group = { 'messaging.consumer.group.name': groupId };
      const lag = () =>
        metricSum('fieldline.messaging.consumer.lag', {
          ...group,
          'messaging.destination.name': observations,
        });
      expect(await metricSum('fieldline.messaging.dead_lettered.messages', group)).toBe(1);
      // Poison once, flaky from its topic and again from the retry topic.
      expect(await metricSum('messaging.client.consumed.messages', group)).toBe(3);
      // The handling time of each of them, in-process retries included.
      expect(await histogramCount('messaging.process.duration', group)).toBe(3);
      expect(
        await metricSum('fieldline.messaging.retries', {
          ...group,
          'fieldline.retry.kind': 'in_process',
        }),
      ).toBe(1);
      expect(
        await metricSum('fieldline.messaging.retries', {
          ...group,
          'fieldline.retry.kind': 'retry_topic',
        }),
      ).toBe(1);
      await waitFor(async () => (await lag()) === 0, {
        description: 'no lag while the consumer keeps up',
        timeoutMs: 30_000,
      });

      // Membership: joined (which /readyz reports), holding every partition of the topic.
      expect(consumer.stats().joined).toBe(true);
      expect(await metricSum('fieldline.messaging.assigned_partitions', group)).toBe(
        consumer.stats().assigned,
      );
      expect(consumer.stats().assigned).toBeGreaterThan(0);

      // A stopped consumer: what arrives now shows as lag, read from the broker.
      await consumer.stop();
      expect(consumer.stats().joined).toBe(false);
      await publisher.publishBatch(
        'observations',
        Array.from({ length: 7 }, (_, index) => ({
          key: { regionId: `r-0${index}-00` },
          event: observationEvent({ value: index }),
        })),
      );
      await waitFor(async () => (await lag()) === 7, {
        description: 'the lag of seven records the stopped consumer did not read',
        timeoutMs: 30_000,
      });

      // A second poison record, once a consumer runs again: the DLQ count moves to 2.
      await send('poison');
      const resumed = runtime
        .consumer({
          groupId,
          topics: ['observations'],
          retry: { attemptsInProcess: 1, retryTopicDelaysMs: [] },
        })
        .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
          if (event.source === 'poison')
            throw new FieldlineError('PERMANENT_FAILURE', 'poison readings are refused');
        });
      await resumed.start();
      await waitFor(
        async () => (await metricSum('fieldline.messaging.dead_lettered.messages', group)) === 2,
        {
          description: 'the second poison record counted',
          timeoutMs: 60_000,
        },
      );
      await waitFor(async () => (await lag()) === 0, {
        description: 'the lag worked off',
        timeoutMs: 60_000,
      });
    } finally {
      await runtime.stop();
    }
  });

  it("traces a batch handler's call as one process span linked to each record's trace, and counts its records", async () => {
    const topics = await freshTopics('observations');
    const observations = topics.observations as string;
    const runtime = testRuntime('telemetry-batch-test', topics);
    const groupId = uniqueName('telemetry-batch-group');
    const publisher = runtime.publisher({ lingerMs: 0 });
    const traceIds: string[] = [];
    for (const value of [1, 2, 3]) {
      traceIds.push(
        await tracer.startActiveSpan(`publish ${value}`, async (root) => {
          await publisher.publish(
            'observations',
            { regionId: 'r-09-09' },
            observationEvent({ value }),
          );
          root.end();
          return root.spanContext().traceId;
        }),
      );
    }
    const callSizes: number[] = [];
    const consumer = runtime
      .consumer({ groupId, topics: ['observations'] })
      .onBatch('dev.fieldline.observations.ObservationRecorded', async (events) => {
        callSizes.push(events.length);
      });
    await consumer.start();
    try {
      await waitFor(() => consumer.stats().handled === 3, {
        description: `3 handled (${JSON.stringify(consumer.stats())})`,
        timeoutMs: 60_000,
      });
      // Published before the member joined, on one partition: usually one fetch, one call.
      const calls = spans
        .getFinishedSpans()
        .filter(
          (span) =>
            span.name === `process ${observations}` &&
            span.attributes['messaging.consumer.group.name'] === groupId,
        );
      expect(calls.map((call) => call.attributes['messaging.batch.message_count'])).toEqual(
        callSizes,
      );
      for (const call of calls) {
        expect(call.attributes['fieldline.outcome']).toBe('handled');
        expect(call.parentSpanContext).toBeUndefined();
        expect(call.links).toHaveLength(call.attributes['messaging.batch.message_count'] as number);
      }
      expect(calls.flatMap((call) => call.links.map((link) => link.context.traceId))).toEqual(
        traceIds,
      );

      const group = { 'messaging.consumer.group.name': groupId };
      expect(await metricSum('messaging.client.consumed.messages', group)).toBe(3);
      expect(await histogramCount('messaging.process.duration', group)).toBe(calls.length);
    } finally {
      await runtime.stop();
    }
  });
});

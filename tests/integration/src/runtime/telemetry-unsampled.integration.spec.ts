import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { eventHeaders } from '@fieldline/platform-kafka';
import { uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

describe('trace context with sampling off', () => {
  const spans = new InMemorySpanExporter();

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({
        sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }),
        spanProcessors: [new SimpleSpanProcessor(spans)],
      }),
    );
  });

  it('still carries the trace id through Kafka to the handler, recording nothing', async () => {
    const topics = await freshTopics('observations');
    const runtime = testRuntime('unsampled-test', topics);
    const seen: string[] = [];
    const consumer = runtime
      .consumer({ groupId: uniqueName('unsampled'), topics: ['observations'] })
      .on('dev.fieldline.observations.ObservationRecorded', async ({ headers }) => {
        seen.push(
          `${trace.getActiveSpan()?.spanContext().traceId} ${headers[eventHeaders.traceparent]}`,
        );
      });
    await consumer.start();
    try {
      const traceId = await trace
        .getTracer('unsampled-test')
        .startActiveSpan('request', async (root) => {
          await runtime
            .publisher({ lingerMs: 0 })
            .publish('observations', { regionId: 'r-00-00' }, observationEvent());
          root.end();
          return root.spanContext().traceId;
        });
      await waitFor(() => seen.length === 1, {
        description: 'the event handled',
        timeoutMs: 60_000,
      });
      expect(seen[0]).toMatch(new RegExp(`^${traceId} 00-${traceId}-[0-9a-f]{16}-00$`));
      expect(spans.getFinishedSpans()).toEqual([]);
    } finally {
      await runtime.stop();
    }
  });
});

import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
} from '@opentelemetry/sdk-metrics';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { localHistogram } from '@fieldline/platform-metrics';
import { localHistogramProducer } from './local-histograms';

const boundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30];
const attributes = {
  'messaging.system': 'kafka',
  'messaging.destination.name': 'observations',
  'messaging.consumer.group.name': 'pattern-detector',
};
const values = [0.0004, 0.001, 0.003, 0.02, 0.02, 0.7, 4.2, 31, 0.05];

function metricNamed(collected: HistogramMetricData[], name: string): HistogramMetricData {
  const metric = collected.find((each) => each.descriptor.name === name);
  if (!metric)
    throw new Error(`no metric ${name} among ${collected.map((m) => m.descriptor.name)}`);
  return metric;
}

describe('localHistogramProducer', () => {
  it("reports a local histogram exactly as the SDK's own histogram of the same values", async () => {
    const reader = new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 3_600_000,
      metricProducers: [localHistogramProducer()],
    });
    const provider = new MeterProvider({ readers: [reader] });
    const sdk = provider.getMeter('compare').createHistogram('sdk.duration', {
      unit: 's',
      advice: { explicitBucketBoundaries: boundaries },
    });
    const cell = localHistogram({
      scope: 'compare',
      name: 'local.duration',
      description: 'the same values',
      unit: 's',
      boundaries,
    }).cell(attributes);
    for (const value of values) {
      sdk.record(value, attributes);
      cell.record(value);
    }

    const { resourceMetrics } = await reader.collect();
    const collected = resourceMetrics.scopeMetrics
      .filter((scope) => scope.scope.name === 'compare')
      .flatMap((scope) => scope.metrics) as HistogramMetricData[];
    const local = metricNamed(collected, 'local.duration');
    const own = metricNamed(collected, 'sdk.duration');
    expect(local.aggregationTemporality).toBe(AggregationTemporality.CUMULATIVE);
    expect(local.dataPointType).toBe(own.dataPointType);
    expect(local.descriptor).toMatchObject({ unit: 's', valueType: own.descriptor.valueType });
    expect(local.dataPoints.map(({ attributes, value }) => ({ attributes, value }))).toEqual(
      own.dataPoints.map(({ attributes, value }) => ({ attributes, value })),
    );
    await provider.shutdown();
  });

  it('serves a local histogram on /metrics in the Prometheus format', async () => {
    const exporter = new PrometheusExporter({
      preventServerStart: true,
      metricProducers: [localHistogramProducer()],
    });
    const provider = new MeterProvider({ readers: [exporter] });
    const cell = localHistogram({
      scope: 'prometheus-test',
      name: 'messaging.process.duration',
      description: 'How long handling one record took',
      unit: 's',
      boundaries,
    }).cell(attributes);
    cell.record(0.002);
    cell.record(0.2);

    const text = await new Promise<string>((resolve) => {
      let body = '';
      exporter.getMetricsRequestHandler(
        {} as never,
        {
          statusCode: 200,
          setHeader: () => undefined,
          end: (chunk: string) => resolve(body + chunk),
          write: (chunk: string) => (body += chunk),
        } as never,
      );
    });
    // The exporter states the unit on a # UNIT line; it does not append it to the name.
    expect(text).toContain('# TYPE messaging_process_duration histogram');
    expect(text).toMatch(
      /messaging_process_duration_bucket\{[^}]*messaging_destination_name="observations"[^}]*le="0.005"\} 1/,
    );
    expect(text).toMatch(/messaging_process_duration_count\{[^}]*\} 2/);
    await provider.shutdown();
  });

  it('reports what was recorded since the last collection when the exporter asks for deltas', async () => {
    let now = 10_000;
    const producer = localHistogramProducer({
      temporality: () => AggregationTemporality.DELTA,
      now: () => now,
    });
    const cell = localHistogram({
      scope: 'delta-test',
      name: 'delta.duration',
      description: 'd',
      unit: 's',
      boundaries,
    }).cell(attributes);
    const pointsNow = async () => {
      const { resourceMetrics } = await producer.collect();
      const metric = resourceMetrics.scopeMetrics
        .filter((scope) => scope.scope.name === 'delta-test')
        .flatMap((scope) => scope.metrics)[0] as HistogramMetricData | undefined;
      return metric?.dataPoints ?? [];
    };
    cell.record(0.002);
    cell.record(0.2);
    const [first] = await pointsNow();
    expect(first?.value).toMatchObject({ count: 2, sum: 0.202 });
    now = 20_000;
    cell.record(0.02);
    const [second] = await pointsNow();
    expect(second?.value.count).toBe(1);
    expect(second?.value.sum).toBeCloseTo(0.02);
    expect(second?.value.buckets.counts).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(second?.startTime).toEqual([10, 0]);
    expect(second?.endTime).toEqual([20, 0]);
    // Nothing recorded since: no point at all.
    expect(await pointsNow()).toEqual([]);
  });
});

import { ValueType, type HrTime } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  DataPointType,
  type HistogramMetricData,
  type MetricProducer,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import { localHistograms } from '@fieldline/platform-metrics';

/**
 * Reports the process's local histograms (@fieldline/platform-metrics) with every collection,
 * as the explicit-bucket histograms they stand for: cumulative, whatever temporality the
 * exporter prefers for the SDK's own instruments.
 */
export function localHistogramProducer(now: () => number = Date.now): MetricProducer {
  return {
    collect: async () => {
      const endTime = hrTimeOf(now());
      const byScope = new Map<string, HistogramMetricData[]>();
      for (const histogram of localHistograms()) {
        const points = histogram.points().filter((point) => point.count > 0);
        if (points.length === 0) continue;
        const { scope, name, description, unit, boundaries } = histogram.descriptor;
        const metrics = byScope.get(scope) ?? [];
        byScope.set(scope, metrics);
        metrics.push({
          descriptor: { name, description, unit, valueType: ValueType.DOUBLE },
          aggregationTemporality: AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.HISTOGRAM,
          dataPoints: points.map((point) => ({
            attributes: point.attributes,
            startTime: hrTimeOf(point.startTimeMs),
            endTime,
            value: {
              buckets: { boundaries: [...boundaries], counts: [...point.counts] },
              count: point.count,
              sum: point.sum,
              min: point.min,
              max: point.max,
            },
          })),
        });
      }
      const scopeMetrics: ScopeMetrics[] = [...byScope].map(([name, metrics]) => ({
        scope: { name },
        metrics,
      }));
      // The reader keeps the SDK's resource; this one is not read.
      return { resourceMetrics: { resource: emptyResource(), scopeMetrics }, errors: [] };
    },
  };
}

function hrTimeOf(epochMs: number): HrTime {
  const seconds = Math.trunc(epochMs / 1000);
  return [seconds, Math.round((epochMs - seconds * 1000) * 1e6)];
}

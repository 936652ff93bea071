import { ValueType, type HrTime } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  DataPointType,
  type HistogramMetricData,
  type MetricProducer,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import { localHistograms, type HistogramPoint } from '@fieldline/platform-metrics';

/**
 * Reports the process's local histograms (@fieldline/platform-metrics) with every collection of
 * one reader, as the explicit-bucket histograms they stand for, in the temporality the reader's
 * exporter asks for histograms (cumulative unless it says otherwise). A delta point carries no
 * min and max: the cumulative ones do not say what they were over the interval.
 */
export function localHistogramProducer(
  options: {
    readonly temporality?: () => AggregationTemporality;
    readonly now?: () => number;
  } = {},
): MetricProducer {
  const now = options.now ?? Date.now;
  /** What the last collection reported per series, and when, for deltas. */
  const reported = new Map<string, { readonly point: HistogramPoint; readonly atMs: number }>();
  return {
    collect: async () => {
      const endMs = now();
      const temporality = options.temporality?.() ?? AggregationTemporality.CUMULATIVE;
      const byScope = new Map<string, HistogramMetricData[]>();
      for (const histogram of localHistograms()) {
        const { scope, name, description, unit, boundaries } = histogram.descriptor;
        const points = histogram.points().flatMap((point) => {
          if (temporality === AggregationTemporality.CUMULATIVE) {
            return point.count > 0 ? [cumulativeOf(point, boundaries, endMs)] : [];
          }
          const key = `${scope}\u0000${name}\u0000${point.series}`;
          const last = reported.get(key);
          reported.set(key, { point, atMs: endMs });
          const delta = deltaOf(point, last, boundaries, endMs);
          return delta.value.count > 0 ? [delta] : [];
        });
        if (points.length === 0) continue;
        const metrics = byScope.get(scope) ?? [];
        byScope.set(scope, metrics);
        metrics.push({
          descriptor: { name, description, unit, valueType: ValueType.DOUBLE },
          aggregationTemporality: temporality,
          dataPointType: DataPointType.HISTOGRAM,
          dataPoints: points,
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

type Point = HistogramMetricData['dataPoints'][number];

function cumulativeOf(point: HistogramPoint, boundaries: readonly number[], endMs: number): Point {
  return {
    attributes: point.attributes,
    startTime: hrTimeOf(point.startTimeMs),
    endTime: hrTimeOf(endMs),
    value: {
      buckets: { boundaries: [...boundaries], counts: [...point.counts] },
      count: point.count,
      sum: point.sum,
      min: point.min,
      max: point.max,
    },
  };
}

function deltaOf(
  point: HistogramPoint,
  last: { readonly point: HistogramPoint; readonly atMs: number } | undefined,
  boundaries: readonly number[],
  endMs: number,
): Point {
  return {
    attributes: point.attributes,
    startTime: hrTimeOf(last?.atMs ?? point.startTimeMs),
    endTime: hrTimeOf(endMs),
    value: {
      buckets: {
        boundaries: [...boundaries],
        counts: point.counts.map((count, index) => count - (last?.point.counts[index] ?? 0)),
      },
      count: point.count - (last?.point.count ?? 0),
      sum: point.sum - (last?.point.sum ?? 0),
    },
  };
}

function hrTimeOf(epochMs: number): HrTime {
  const seconds = Math.trunc(epochMs / 1000);
  return [seconds, Math.round((epochMs - seconds * 1000) * 1e6)];
}

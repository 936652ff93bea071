import { clamp01, metricProfiles, type MetricName } from '@fieldline/domain-observations';
import type { Point, SeriesWindow } from './series-window';
import type { DetectorSettings } from './settings';

/** What one detector sees in a series right now; absent when it sees nothing. */
export interface Signal {
  readonly strength: number;
  readonly confidence: number;
  readonly windowStart: number;
  /** Ids of the readings that support it, oldest first. */
  readonly evidenceIds: readonly string[];
}

/** A sustained share of the recent readings sits at or above the metric's hazard level. */
export function thresholdSignal(
  series: SeriesWindow,
  metric: MetricName,
  settings: DetectorSettings,
): Signal | undefined {
  const span = series.since(series.latest - settings.sustainMs);
  if (span.length < settings.minPoints) return undefined;
  const { hazardLevel, max } = metricProfiles[metric];
  const above = span.filter((point) => point.value >= hazardLevel);
  if (above.length / span.length < settings.sustainedShare) return undefined;
  const meanExcess =
    above.reduce((sum, point) => sum + (point.value - hazardLevel), 0) / above.length;
  return {
    strength: round(clamp01((2 * meanExcess) / (max - hazardLevel))),
    confidence: round(
      clamp01(span.length / (2 * settings.minPoints)) * (above.length / span.length),
    ),
    windowStart: span[0]!.at,
    evidenceIds: idsOf(above),
  };
}

/** The window's readings rise steadily towards the hazard level (a least-squares fit). */
export function trendSignal(
  series: SeriesWindow,
  metric: MetricName,
  settings: DetectorSettings,
): Signal | undefined {
  const points = series.recent();
  if (points.length < settings.minPoints) return undefined;
  const fit = leastSquares(points);
  if (!fit) return undefined;
  const { hazardLevel, max } = metricProfiles[metric];
  const scale = max - hazardLevel;
  const first = points[0]!.at;
  const rise = fit.slope * (series.latest - first);
  const fittedLatest = fit.intercept + fit.slope * (series.latest - fit.origin);
  if (rise < settings.trendMinRise * scale) return undefined;
  if (fit.r2 < settings.trendMinFit) return undefined;
  if (fittedLatest < hazardLevel - settings.trendApproach * scale) return undefined;
  return {
    strength: round(clamp01(rise / scale)),
    confidence: round(fit.r2),
    windowStart: first,
    evidenceIds: idsOf(points),
  };
}

/** The latest readings sit far from the baseline, in standard deviations. */
export function anomalySignal(
  series: SeriesWindow,
  settings: DetectorSettings,
): Signal | undefined {
  const baseline = series.baseline();
  if (baseline.buckets < settings.minBaselineBuckets || baseline.std === 0) return undefined;
  const latest = series.recent().slice(-settings.anomalyRecentPoints);
  if (latest.length < settings.anomalyRecentPoints) return undefined;
  const mean = latest.reduce((sum, point) => sum + point.value, 0) / latest.length;
  const z = Math.abs(mean - baseline.mean) / baseline.std;
  if (z < settings.anomalyZ) return undefined;
  return {
    strength: round(clamp01(z / (3 * settings.anomalyZ))),
    confidence: round(clamp01(baseline.buckets / (2 * settings.minBaselineBuckets))),
    windowStart: latest[0]!.at,
    evidenceIds: idsOf(latest),
  };
}

interface Fit {
  readonly origin: number;
  readonly slope: number;
  readonly intercept: number;
  readonly r2: number;
}

/** Undefined when every reading has the same time: a slope needs two distinct moments. */
function leastSquares(points: readonly Point[]): Fit | undefined {
  const origin = points[0]!.at;
  const n = points.length;
  let sx = 0;
  let sy = 0;
  for (const point of points) {
    sx += point.at - origin;
    sy += point.value;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const point of points) {
    const dx = point.at - origin - mx;
    const dy = point.value - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { origin, slope, intercept: my - slope * mx, r2 };
}

function idsOf(points: readonly Point[]): string[] {
  return points.map((point) => point.id);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

import { clamp01, metricProfiles, type MetricName } from './metrics';
import type { Observation } from './observation';
import { gridRegionId } from './regions';

/** A hazard injected into the sample data: it ramps up, holds and ramps down over its duration. */
export interface Incident {
  readonly kind: 'heat-wave' | 'flood' | 'drought';
  readonly regionIds: readonly string[];
  readonly start: number;
  readonly durationMs: number;
  /**
   * How strong the incident is: at 1 the affected metrics sit above their hazard level at the
   * seasonal mean; above 1 for one that must pass it in any season (a heat wave in midwinter).
   */
  readonly intensity: number;
}

export interface SampleDataOptions {
  readonly rows: number;
  readonly cols: number;
  readonly seed: number;
  readonly metrics?: readonly MetricName[];
  readonly incidents?: readonly Incident[];
  readonly source?: string;
}

interface Baseline {
  readonly mean: number;
  /** Seasonal swing; peaks on `peakDay` of the year. */
  readonly seasonal: number;
  readonly peakDay: number;
  /** Daily swing; peaks at 15:00 UTC. */
  readonly diurnal: number;
  readonly noise: number;
  /** Change per grid row, so the south is hotter than the north. */
  readonly perRow: number;
}

const baselines: Record<MetricName, Baseline> = {
  HEAT_INDEX: { mean: 18, seasonal: 8, peakDay: 200, diurnal: 4, noise: 0.8, perRow: 0.3 },
  DROUGHT_INDEX: {
    mean: 0.3,
    seasonal: 0.08,
    peakDay: 230,
    diurnal: 0,
    noise: 0.02,
    perRow: 0.005,
  },
  FLOOD_RISK: { mean: 0.2, seasonal: 0.06, peakDay: 90, diurnal: 0, noise: 0.03, perRow: 0 },
  WILDFIRE_RISK: {
    mean: 0.25,
    seasonal: 0.08,
    peakDay: 215,
    diurnal: 0.02,
    noise: 0.02,
    perRow: 0.004,
  },
  AIR_QUALITY: { mean: 40, seasonal: 5, peakDay: 200, diurnal: 8, noise: 5, perRow: 0 },
  STORM_SURGE: { mean: 0.4, seasonal: 0.1, peakDay: 330, diurnal: 0, noise: 0.08, perRow: 0 },
};

/** How far each incident pushes each metric at full intensity. */
const incidentEffects: Record<Incident['kind'], Partial<Record<MetricName, number>>> = {
  'heat-wave': { HEAT_INDEX: 24, WILDFIRE_RISK: 0.35, AIR_QUALITY: 90 },
  drought: { DROUGHT_INDEX: 0.5, WILDFIRE_RISK: 0.3 },
  flood: { FLOOD_RISK: 0.65, STORM_SURGE: 2.8 },
};

const dayMs = 86_400_000;

/**
 * Realistic readings for a grid of regions: a seasonal and daily baseline per metric, regional
 * gradients, noise, and injected incidents. Deterministic: the same seed and time give the same
 * readings, whatever was asked before, so tests and the demo can replay any moment.
 */
export class SampleObservations {
  readonly regionIds: readonly string[];
  private readonly metrics: readonly MetricName[];

  constructor(private readonly options: SampleDataOptions) {
    const ids: string[] = [];
    for (let row = 0; row < options.rows; row++) {
      for (let col = 0; col < options.cols; col++) ids.push(gridRegionId(row, col));
    }
    this.regionIds = ids;
    this.metrics = options.metrics ?? (Object.keys(baselines) as MetricName[]);
  }

  /** One reading per region and metric, taken at `time`. */
  readingsAt(time: number): Observation[] {
    const readings: Observation[] = [];
    this.regionIds.forEach((regionId, regionIndex) => {
      const row = Math.floor(regionIndex / this.options.cols);
      this.metrics.forEach((metric, metricIndex) => {
        readings.push({
          source: this.options.source ?? 'sample-grid',
          regionId,
          metric,
          value: this.valueAt(time, regionId, row, metric, regionIndex * 31 + metricIndex),
          unit: metricProfiles[metric].unit,
          observedAt: time,
          attributes: { generator: 'fieldline-sample' },
          confidence: 0.9,
        });
      });
    });
    return readings;
  }

  private valueAt(
    time: number,
    regionId: string,
    row: number,
    metric: MetricName,
    stream: number,
  ): number {
    const base = baselines[metric];
    const dayOfYear = (time % (365.25 * dayMs)) / dayMs;
    const hourOfDay = (time % dayMs) / 3_600_000;
    let value =
      base.mean +
      base.seasonal * Math.cos((2 * Math.PI * (dayOfYear - base.peakDay)) / 365.25) +
      base.diurnal * Math.cos((2 * Math.PI * (hourOfDay - 15)) / 24) +
      base.perRow * row +
      base.noise * gaussian(this.options.seed, stream, Math.floor(time / 1000));
    for (const incident of this.options.incidents ?? []) {
      const effect = incidentEffects[incident.kind][metric];
      if (effect === undefined || !incident.regionIds.includes(regionId)) continue;
      value += effect * incident.intensity * rampOf(incident, time);
    }
    const { min, max } = metricProfiles[metric];
    return round(Math.min(max, Math.max(min, value)), 4);
  }
}

/** 0 before and after the incident, rising over its first quarter, falling over its last. */
function rampOf(incident: Incident, time: number): number {
  const progress = (time - incident.start) / incident.durationMs;
  if (progress < 0 || progress > 1) return 0;
  return clamp01(Math.min(progress, 1 - progress) * 4);
}

/** A standard normal draw that depends only on its inputs (Box-Muller over a hashed seed). */
function gaussian(seed: number, stream: number, tick: number): number {
  const u1 = (hash32(seed, stream, tick, 1) + 1) / 4_294_967_297;
  const u2 = hash32(seed, stream, tick, 2) / 4_294_967_296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * What the backbone knows about each climate-risk metric: the unit readings must be in, the
 * range a real reading can take, and the level above which a reading is a hazard.
 */
export interface MetricProfile {
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Readings at or above this level are a hazard; sustained exceedance is a pattern. */
  readonly hazardLevel: number;
}

/** Every metric a reading may carry; the keys are the Avro `Metric` symbols, UNKNOWN aside. */
export const metricProfiles = {
  FLOOD_RISK: { unit: 'index', min: 0, max: 1, hazardLevel: 0.7 },
  HEAT_INDEX: { unit: 'degC', min: -60, max: 70, hazardLevel: 40 },
  DROUGHT_INDEX: { unit: 'index', min: 0, max: 1, hazardLevel: 0.6 },
  WILDFIRE_RISK: { unit: 'index', min: 0, max: 1, hazardLevel: 0.7 },
  AIR_QUALITY: { unit: 'aqi', min: 0, max: 500, hazardLevel: 150 },
  STORM_SURGE: { unit: 'm', min: 0, max: 15, hazardLevel: 2 },
} as const satisfies Record<string, MetricProfile>;

export type MetricName = keyof typeof metricProfiles;

export const metricNames = Object.keys(metricProfiles) as MetricName[];

/** `heat_index`, `HEAT_INDEX` and `Heat-Index` all name HEAT_INDEX; anything else is undefined. */
export function metricNamed(name: string): MetricName | undefined {
  const canonical = name.trim().toUpperCase().replace(/-/g, '_');
  return Object.hasOwn(metricProfiles, canonical) ? (canonical as MetricName) : undefined;
}

/** Where a value sits between the metric's hazard level (0) and its maximum (1), clamped. */
export function severityAboveHazard(metric: MetricName, value: number): number {
  const { hazardLevel, max } = metricProfiles[metric];
  return clamp01((value - hazardLevel) / (max - hazardLevel));
}

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

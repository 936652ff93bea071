/** Ordinary readings over a grid of regions: valid, and mostly calm, as the bulk of real traffic is. */
const metrics = [
  ['heat_index', 'degC', 15, 10],
  ['drought_index', 'index', 0.3, 0.1],
  ['flood_risk', 'index', 0.2, 0.1],
  ['wildfire_risk', 'index', 0.25, 0.1],
  ['air_quality', 'aqi', 40, 20],
] as const;

export class BackgroundReadings {
  private next = 0;

  constructor(private readonly regions: number) {}

  /** `count` readings taken at `at` (epoch ms), cycling over regions and metrics. */
  take(count: number, at: number): object[] {
    const observedAt = new Date(at).toISOString();
    const readings: object[] = [];
    for (let i = 0; i < count; i++, this.next++) {
      const region = this.next % this.regions;
      const [metric, unit, mean, spread] =
        metrics[Math.floor(this.next / this.regions) % metrics.length]!;
      readings.push({
        source: 'bench',
        regionId: `r-${String(Math.floor(region / 100)).padStart(2, '0')}-${String(region % 100).padStart(2, '0')}`,
        metric,
        unit,
        value: Math.round((mean + spread * Math.sin(this.next)) * 1000) / 1000,
        observedAt,
      });
    }
    return readings;
  }
}

/**
 * A latency probe: four storm-surge readings far above the hazard level in a region of their
 * own, the fourth completing a sustained exceedance, so the probe becomes one pattern and one
 * notification. Its latency runs from the intended send time to the webhook's arrival.
 */
export function probeReadings(probe: string, at: number): object[] {
  return [3, 2, 1, 0].map((minutesAgo) => ({
    source: 'bench-probe',
    regionId: `probe-${probe}`,
    metric: 'storm_surge',
    unit: 'm',
    value: 6,
    observedAt: new Date(at - minutesAgo * 60_000).toISOString(),
  }));
}

import { SampleObservations, type Incident, type MetricName } from '@fieldline/domain-observations';

const day = 86_400_000;
const hour = 3_600_000;

export interface ClimateFile {
  readonly header: string;
  /** Data lines in file order (line 2 onwards). */
  readonly lines: readonly string[];
  readonly start: number;
}

/**
 * A climate-risk CSV of a 2x2 grid, a reading per region and metric every 10 minutes over
 * `days` ending now: a heat wave in r-01-01 and, next door, a drought in r-01-02, both starting
 * on day 3. Only heat and drought are measured, so the one hazard pair that can amplify is
 * across the two regions.
 */
export function heatWaveAndDroughtCsv(days = 5): ClimateFile {
  const step = 10 * 60_000;
  const start = Math.floor((Date.now() - days * day) / step) * step;
  const incidents: Incident[] = [
    {
      kind: 'heat-wave',
      regionIds: ['r-01-01'],
      start: start + 2 * day,
      durationMs: 30 * hour,
      intensity: 1,
    },
    {
      kind: 'drought',
      regionIds: ['r-01-02'],
      start: start + 2 * day + 2 * hour,
      durationMs: 40 * hour,
      intensity: 1,
    },
  ];
  const metrics: MetricName[] = ['HEAT_INDEX', 'DROUGHT_INDEX'];
  const data = new SampleObservations({
    rows: 2,
    cols: 3,
    seed: 5,
    incidents,
    metrics,
    source: 'e2e-grid',
  });
  const lines: string[] = [];
  for (let at = start; at <= Date.now() - step; at += step) {
    for (const o of data.readingsAt(at)) {
      lines.push(
        [
          o.source,
          o.regionId,
          o.metric.toLowerCase(),
          o.value,
          o.unit,
          new Date(o.observedAt).toISOString(),
        ].join(','),
      );
    }
  }
  return { header: 'source,regionId,metric,value,unit,observedAt', lines, start };
}

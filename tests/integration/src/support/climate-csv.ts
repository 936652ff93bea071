import {
  gridRegionId,
  metricNamed,
  SampleObservations,
  type Incident,
  type MetricName,
} from '@fieldline/domain-observations';
import type { Reading } from '@fieldline/domain-patterns';

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
  return climateCsv({ rows: 2, cols: 3, days, seed: 5 }, (start) => [
    {
      kind: 'heat-wave',
      regionIds: ['r-01-01'],
      start: start + 2 * day,
      durationMs: 30 * hour,
      // The file ends now, whatever the season: at 1.6 the wave passes the hazard level (40 °C)
      // for hours even in midwinter, where at 1 it stays just under it from November on.
      intensity: 1.6,
    },
    {
      kind: 'drought',
      regionIds: ['r-01-02'],
      start: start + 2 * day + 2 * hour,
      durationMs: 40 * hour,
      intensity: 1,
    },
  ]);
}

/**
 * A CSV of a `rows` x `cols` grid whose every region is in a heat wave from the second day
 * of `days` until now, heat and drought measured every 10 minutes.
 */
export function gridHeatWaveCsv(rows: number, cols: number, days = 3): ClimateFile {
  const regionIds = Array.from({ length: rows * cols }, (_, index) =>
    gridRegionId(Math.floor(index / cols), index % cols),
  );
  return climateCsv({ rows, cols, days, seed: 7 }, (start) => [
    { kind: 'heat-wave', regionIds, start: start + day, durationMs: days * day, intensity: 1 },
  ]);
}

/** The fields of one data line, as the file writes them. */
export function lineFields(line: string) {
  const [source, regionId, metric, value, unit, observedAt] = line.split(',') as string[];
  return { source, regionId, metric, value: Number(value), unit, at: Date.parse(observedAt!) };
}

/** The data line at `index` as the pattern detector takes it (a reference run in process). */
export function readingOfLine(line: string, index: number): Reading {
  const { regionId, metric, value, at } = lineFields(line);
  return { id: `line-${index}`, regionId: regionId!, metric: metricNamed(metric!)!, value, at };
}

function climateCsv(
  grid: { rows: number; cols: number; days: number; seed: number },
  incidentsFrom: (start: number) => Incident[],
): ClimateFile {
  const step = 10 * 60_000;
  const start = Math.floor((Date.now() - grid.days * day) / step) * step;
  const metrics: MetricName[] = ['HEAT_INDEX', 'DROUGHT_INDEX'];
  const data = new SampleObservations({
    rows: grid.rows,
    cols: grid.cols,
    seed: grid.seed,
    incidents: incidentsFrom(start),
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

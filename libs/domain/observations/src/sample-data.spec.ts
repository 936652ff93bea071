import { metricProfiles } from './metrics';
import { areNeighbours, gridCellOf, gridRegionId, neighboursOf } from './regions';
import { SampleObservations } from './sample-data';

const july = Date.parse('2026-07-10T12:00:00Z');
const day = 86_400_000;

describe('SampleObservations', () => {
  const heatWave = {
    kind: 'heat-wave' as const,
    regionIds: ['r-01-01'],
    start: july,
    durationMs: 2 * day,
    intensity: 1,
  };
  const data = new SampleObservations({ rows: 3, cols: 3, seed: 7, incidents: [heatWave] });

  it('gives one reading per region and metric, inside each metric range', () => {
    const readings = data.readingsAt(july);
    expect(readings).toHaveLength(9 * 6);
    for (const reading of readings) {
      const { min, max, unit } = metricProfiles[reading.metric];
      expect(reading.value).toBeGreaterThanOrEqual(min);
      expect(reading.value).toBeLessThanOrEqual(max);
      expect(reading.unit).toBe(unit);
    }
  });

  it('is deterministic: the same seed and time give the same readings', () => {
    const again = new SampleObservations({ rows: 3, cols: 3, seed: 7, incidents: [heatWave] });
    expect(again.readingsAt(july + 3_600_000)).toEqual(data.readingsAt(july + 3_600_000));
    expect(new SampleObservations({ rows: 3, cols: 3, seed: 8 }).readingsAt(july)).not.toEqual(
      data.readingsAt(july),
    );
  });

  const heatOf = (time: number, regionId: string) =>
    data.readingsAt(time).find((r) => r.regionId === regionId && r.metric === 'HEAT_INDEX')!.value;

  it.each([
    ['before the incident', july - day, false],
    ['at its peak', july + day, true],
    ['after it', july + 3 * day, false],
  ])(
    'puts the affected region above the hazard level only during the incident: %s',
    (_c, time, above) => {
      expect(heatOf(time, 'r-01-01') >= metricProfiles.HEAT_INDEX.hazardLevel).toBe(above);
      expect(heatOf(time, 'r-02-02')).toBeLessThan(metricProfiles.HEAT_INDEX.hazardLevel);
    },
  );
});

describe('grid regions', () => {
  it.each([
    ['r-01-01', 'r-01-02', true],
    ['r-01-01', 'r-02-02', true],
    ['r-01-01', 'r-01-03', false],
    ['r-01-01', 'r-01-01', false],
    ['r-01-01', 'station-9', false],
  ])('%s and %s are neighbours: %s', (a, b, expected) => {
    expect(areNeighbours(a, b)).toBe(expected);
  });

  it.each([
    [
      'r-01-01',
      ['r-00-00', 'r-00-01', 'r-00-02', 'r-01-00', 'r-01-02', 'r-02-00', 'r-02-01', 'r-02-02'],
    ],
    ['r-00-00', ['r-00-01', 'r-01-00', 'r-01-01']],
    ['station-9', []],
  ])('lists the neighbours of %s', (regionId, expected) => {
    expect(neighboursOf(regionId)).toEqual(expected);
  });

  it('round-trips grid ids', () => {
    expect(gridCellOf(gridRegionId(3, 12))).toEqual({ row: 3, col: 12 });
    expect(gridCellOf('elsewhere')).toBeUndefined();
  });
});

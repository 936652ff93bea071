import type { MetricName } from '@fieldline/domain-observations';
import { relate, type KnownPattern } from './rules';

const hour = 3_600_000;
const p = (
  id: string,
  regionId: string,
  metric: MetricName,
  startedAt = 0,
  dissolvedAt: number | null = null,
  strength = 0.6,
): KnownPattern => ({
  patternId: id,
  regionId,
  metric,
  strength,
  startedAt,
  dissolvedAt,
});

describe('relate', () => {
  it.each([
    [
      'heat and drought in neighbouring regions amplify each other',
      p('a', 'r-02-02', 'HEAT_INDEX'),
      p('b', 'r-02-03', 'DROUGHT_INDEX'),
      'AMPLIFIES',
      0.75,
    ],
    [
      'flood and surge in one region amplify each other',
      p('a', 'r-04-01', 'FLOOD_RISK'),
      p('b', 'r-04-01', 'STORM_SURGE'),
      'AMPLIFIES',
      0.75,
    ],
    [
      'unrelated hazards in one region co-occur',
      p('a', 'r-01-01', 'FLOOD_RISK'),
      p('b', 'r-01-01', 'HEAT_INDEX', 0, null, 0.3),
      'CO_OCCURS',
      0.3,
    ],
    [
      'one hazard in neighbouring regions',
      p('a', 'r-01-01', 'HEAT_INDEX'),
      p('b', 'r-02-02', 'HEAT_INDEX'),
      'SPATIAL_NEIGHBOUR',
      0.6,
    ],
    [
      'a heat wave after an ended drought, 12 h later',
      p('a', 'r-01-01', 'DROUGHT_INDEX', 0, 6 * hour),
      p('b', 'r-01-01', 'HEAT_INDEX', 12 * hour),
      'PRECEDES',
      0.45,
    ],
  ])('%s', (_case, a, b, kind, strength) => {
    expect(relate(a, b)).toMatchObject({ kind, strength });
    expect(relate(b, a)).toMatchObject({ kind, strength });
  });

  it.each([
    [
      'regions two cells apart',
      p('a', 'r-01-01', 'HEAT_INDEX'),
      p('b', 'r-01-03', 'DROUGHT_INDEX'),
    ],
    [
      'two patterns of one metric in one region',
      p('a', 'r-01-01', 'HEAT_INDEX'),
      p('b', 'r-01-01', 'HEAT_INDEX'),
    ],
    ['a pattern and itself', p('a', 'r-01-01', 'HEAT_INDEX'), p('a', 'r-01-01', 'DROUGHT_INDEX')],
    [
      'an ended pattern and one starting too late to follow it',
      p('a', 'r-01-01', 'DROUGHT_INDEX', 0, hour),
      p('b', 'r-01-01', 'HEAT_INDEX', 49 * hour),
    ],
    [
      'an ended pattern and an unrelated later one',
      p('a', 'r-01-01', 'FLOOD_RISK', 0, hour),
      p('b', 'r-01-01', 'HEAT_INDEX', 5 * hour),
    ],
    [
      'non-grid regions, which have no neighbours',
      p('a', 'north', 'HEAT_INDEX'),
      p('b', 'south', 'HEAT_INDEX'),
    ],
  ])('finds nothing between %s', (_case, a, b) => {
    expect(relate(a, b)).toBeUndefined();
  });

  it('names the earlier pattern the source and gives the lag of a PRECEDES', () => {
    const verdict = relate(
      p('late', 'r-01-01', 'HEAT_INDEX', 12 * hour),
      p('early', 'r-01-01', 'DROUGHT_INDEX', 0, 6 * hour),
    );
    expect([verdict?.source.patternId, verdict?.target.patternId, verdict?.lagMillis]).toEqual([
      'early',
      'late',
      12 * hour,
    ]);
  });
});

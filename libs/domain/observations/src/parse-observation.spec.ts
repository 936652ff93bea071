import { parseObservation } from './parse-observation';

const now = Date.parse('2026-07-01T12:00:00Z');
const valid = {
  source: 'station-17',
  regionId: 'r-03-04',
  metric: 'heat_index',
  value: 41.5,
  unit: 'degC',
  observedAt: '2026-07-01T11:00:00Z',
};

describe('parseObservation', () => {
  it('accepts a valid reading and normalises metric, time and defaults', () => {
    expect(parseObservation(valid, { now })).toEqual({
      ok: true,
      value: {
        source: 'station-17',
        regionId: 'r-03-04',
        metric: 'HEAT_INDEX',
        value: 41.5,
        unit: 'degC',
        observedAt: Date.parse('2026-07-01T11:00:00Z'),
        attributes: {},
        confidence: null,
      },
    });
  });

  it.each([
    ['epoch milliseconds', { observedAt: now - 1000 }, 'observedAt', now - 1000],
    ['an offset zone', { observedAt: '2026-07-01T13:00:00+02:00' }, 'observedAt', now - 3_600_000],
    ['a missing unit', { unit: undefined }, 'unit', 'degC'],
    ['an upper-case metric', { metric: 'HEAT_INDEX' }, 'metric', 'HEAT_INDEX'],
    ['a kebab-case metric', { metric: 'heat-index' }, 'metric', 'HEAT_INDEX'],
    ['the lowest value', { value: -60 }, 'value', -60],
    ['the highest value', { value: 70 }, 'value', 70],
    ['slight clock skew', { observedAt: now + 60_000 }, 'observedAt', now + 60_000],
    [
      'string attributes',
      { attributes: { elevation: '120m' } },
      'attributes',
      { elevation: '120m' },
    ],
    ['a confidence', { confidence: 0.25 }, 'confidence', 0.25],
    [
      '29 February of a leap year',
      { observedAt: '2024-02-29T12:00:00Z' },
      'observedAt',
      Date.UTC(2024, 1, 29, 12),
    ],
    [
      '29 February of a leap century',
      { observedAt: '2000-02-29T12:00:00Z' },
      'observedAt',
      Date.UTC(2000, 1, 29, 12),
    ],
    [
      '31 December',
      { observedAt: '2025-12-31T12:00:00Z' },
      'observedAt',
      Date.UTC(2025, 11, 31, 12),
    ],
  ])('accepts %s', (_case, change, field, expected) => {
    const parsed = parseObservation({ ...valid, ...change }, { now });
    expect(parsed.ok && parsed.value[field as keyof typeof parsed.value]).toEqual(expected);
  });

  it.each([
    ['a missing source', { source: undefined }, 'source', 'is required'],
    ['an empty source', { source: '  ' }, 'source', 'must not be empty'],
    ['a numeric region', { regionId: 12 }, 'regionId', 'must be a string, not a number (12)'],
    ['a region with spaces', { regionId: 'north east' }, 'regionId', 'must be 1 to 64 letters'],
    ['an unknown metric', { metric: 'rainfall' }, 'metric', '"rainfall" is not a known metric'],
    ['a value as a string', { value: '41.5' }, 'value', 'must be a number, not a string ("41.5")'],
    [
      'a value out of range',
      { value: 71 },
      'value',
      '71 is out of range for heat_index (-60 to 70 degC)',
    ],
    [
      'a negative risk index',
      { metric: 'flood_risk', unit: 'index', value: -0.1 },
      'value',
      'out of range',
    ],
    ['the wrong unit', { unit: 'degF' }, 'unit', 'must be "degC" for heat_index, not "degF"'],
    [
      'a time without a zone',
      { observedAt: '2026-07-01T11:00:00' },
      'observedAt',
      'not an ISO 8601 time with a zone',
    ],
    [
      'a date that does not exist',
      { observedAt: '2026-02-30T11:00:00Z' },
      'observedAt',
      'not an ISO 8601',
    ],
    [
      '29 February of a century that is no leap year',
      { observedAt: '1900-02-29T11:00:00Z' },
      'observedAt',
      'not an ISO 8601',
    ],
    ['a 13th month', { observedAt: '2026-13-01T11:00:00Z' }, 'observedAt', 'not an ISO 8601'],
    ['a day 0', { observedAt: '2026-04-00T11:00:00Z' }, 'observedAt', 'not an ISO 8601'],
    ['31 April', { observedAt: '2026-04-31T11:00:00Z' }, 'observedAt', 'not an ISO 8601'],
    ['a fractional epoch', { observedAt: 1.5 }, 'observedAt', 'epoch milliseconds'],
    ['a time in the future', { observedAt: now + 3_600_000 }, 'observedAt', 'is in the future'],
    [
      'attributes as an array',
      { attributes: ['a'] },
      'attributes',
      'must be an object of strings, not an array',
    ],
    [
      'a numeric attribute',
      { attributes: { elevation: 120 } },
      'attributes.elevation',
      'must be a string',
    ],
    ['a confidence above 1', { confidence: 1.2 }, 'confidence', '1.2 is not between 0 and 1'],
    ['a misspelt field', { observed_at: 'x' }, 'observed_at', 'is not a known field'],
  ])('rejects %s, naming the field', (_case, change, field, reason) => {
    const parsed = parseObservation({ ...valid, ...change }, { now });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual(
      expect.arrayContaining([{ field, reason: expect.stringContaining(reason) }]),
    );
  });

  it('reports every problem at once, under the path of the reading', () => {
    const parsed = parseObservation(
      { ...valid, value: 'hot', metric: 'rainfall', source: undefined },
      { now, path: 'observations[2]' },
    );
    expect(!parsed.ok && parsed.problems.map((problem) => problem.field)).toEqual([
      'observations[2].source',
      'observations[2].metric',
      'observations[2].value',
    ]);
  });

  it.each([
    [null, 'null'],
    [[valid], 'an array'],
    ['reading', 'a string ("reading")'],
  ])('rejects %j as the whole reading', (input, kind) => {
    expect(parseObservation(input, { now })).toEqual({
      ok: false,
      problems: [{ field: '(body)', reason: `must be a JSON object, not ${kind}` }],
    });
  });

  it('does not mistake inherited names for metrics', () => {
    const parsed = parseObservation({ ...valid, metric: 'constructor' }, { now });
    expect(parsed.ok).toBe(false);
  });
});

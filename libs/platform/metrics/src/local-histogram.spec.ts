import { LocalHistogram } from './local-histogram';
import { localHistogram, localHistograms } from './registry';

const descriptor = {
  scope: 'test',
  name: 'handling.duration',
  description: 'd',
  unit: 's',
  boundaries: [0.01, 0.1, 1],
};

describe('LocalHistogram', () => {
  it.each([
    [[0.005], [1, 0, 0, 0]],
    [[0.01], [1, 0, 0, 0]],
    [
      [0.0100001, 0.1],
      [0, 2, 0, 0],
    ],
    [
      [0.5, 1, 1.5, 100],
      [0, 0, 2, 2],
    ],
    [[0], [1, 0, 0, 0]],
  ])('puts %j in the buckets %j (a value on a boundary belongs below it)', (values, counts) => {
    const cell = new LocalHistogram(descriptor).cell({ topic: 'observations' });
    for (const value of values) cell.record(value);
    expect(cell.point()).toMatchObject({
      counts,
      count: values.length,
      sum: values.reduce((sum, value) => sum + value, 0),
      min: Math.min(...values),
      max: Math.max(...values),
    });
  });

  it('ignores NaN and negative values, as the SDK histogram does', () => {
    const cell = new LocalHistogram(descriptor).cell({});
    cell.record(Number.NaN);
    cell.record(-0.001);
    cell.record(0.2);
    expect(cell.point()).toMatchObject({ count: 1, sum: 0.2, counts: [0, 0, 1, 0] });
  });

  it('keeps one cell per series, whichever object carries its attributes', () => {
    let now = 1_000;
    const histogram = new LocalHistogram(descriptor, () => now);
    const attributes = { topic: 'observations', group: 'detector' };
    const cell = histogram.cell(attributes);
    expect(histogram.cell(attributes)).toBe(cell);
    cell.record(0.05);
    now = 2_000;
    // A restarted runner makes a new attributes object with the same content.
    const again = histogram.cell({ group: 'detector', topic: 'observations' });
    expect(again).toBe(cell);
    again.record(0.5);
    histogram.cell({ topic: 'patterns', group: 'detector' }).record(2);
    expect(histogram.points()).toEqual([
      {
        series: expect.any(String),
        attributes,
        startTimeMs: 1_000,
        counts: [0, 1, 1, 0],
        count: 2,
        sum: 0.55,
        min: 0.05,
        max: 0.5,
      },
      {
        series: expect.any(String),
        attributes: { topic: 'patterns', group: 'detector' },
        startTimeMs: 2_000,
        counts: [0, 0, 0, 1],
        count: 1,
        sum: 2,
        min: 2,
        max: 2,
      },
    ]);
  });

  it('reports a snapshot that later values do not change', () => {
    const cell = new LocalHistogram(descriptor).cell({});
    cell.record(0.05);
    const point = cell.point();
    cell.record(0.05);
    expect(point).toMatchObject({ count: 1, counts: [0, 1, 0, 0] });
  });
});

describe('localHistogram', () => {
  it('gives one histogram per scope and name, and lists it for the SDK', () => {
    const first = localHistogram({ ...descriptor, name: 'registry.test' });
    expect(localHistogram({ ...descriptor, name: 'registry.test' })).toBe(first);
    expect(localHistogram({ ...descriptor, name: 'registry.test', scope: 'other' })).not.toBe(
      first,
    );
    expect(localHistograms()).toContain(first);
  });
});

import { SeriesWindow } from './series-window';
import { defaultDetectorSettings } from './settings';
import { anomalySignal, thresholdSignal, trendSignal } from './signals';

const minute = 60_000;
const hour = 60 * minute;
const settings = defaultDetectorSettings;

/** A HEAT_INDEX series (hazard 40 degC, max 70): one reading every `every` ms, ending at `end`. */
function series(values: readonly number[], every = 10 * minute, end = 100 * hour): SeriesWindow {
  const window = new SeriesWindow(settings);
  values.forEach((value, i) =>
    window.add({ id: `o${i}`, at: end - (values.length - 1 - i) * every, value }),
  );
  return window;
}

describe('thresholdSignal (HEAT_INDEX, hazard 40)', () => {
  it.each([
    ['no readings', [], undefined],
    ['a single reading above', [55], undefined],
    ['too few readings to call it sustained', [45, 45, 45], undefined],
    ['readings all below', [30, 31, 32, 33, 34], undefined],
    ['a brief spike', [30, 30, 50, 30, 30, 30], undefined],
    ['sustained, just above', [40, 40, 40, 40], 0],
    ['sustained, 10 above', [50, 50, 50, 50], 0.667],
    ['sustained with one dip (5 of 6)', [50, 50, 35, 50, 50, 50], 0.667],
    ['at the maximum', [70, 70, 70, 70], 1],
  ])('%s', (_case, values, strength) => {
    expect(thresholdSignal(series(values), 'HEAT_INDEX', settings)?.strength).toBe(strength);
  });

  it('looks only at the sustain span, not older readings', () => {
    // 12 readings at 10-minute steps: the first six lie before the last two hours.
    const window = series([50, 50, 50, 50, 50, 50, 30, 30, 30, 30, 30, 30]);
    expect(thresholdSignal(window, 'HEAT_INDEX', settings)).toBeUndefined();
  });

  it('names the readings above the hazard as its evidence', () => {
    const signal = thresholdSignal(series([50, 50, 35, 50, 50, 50]), 'HEAT_INDEX', settings);
    expect(signal?.evidenceIds).toEqual(['o0', 'o1', 'o3', 'o4', 'o5']);
  });
});

describe('trendSignal (HEAT_INDEX)', () => {
  const rising = Array.from({ length: 12 }, (_, i) => 25 + i * 1.5); // 25 -> 41.5 in 110 min
  it.each([
    ['no readings', [], false],
    ['a single point', [30], false],
    ['flat', Array(12).fill(30), false],
    ['rising steadily towards the hazard', rising, true],
    ['falling', [...rising].reverse(), false],
    ['rising far below the hazard', rising.map((v) => v - 20), false],
    ['rising but too noisy to fit', rising.map((v, i) => (i % 2 ? v + 12 : v - 12)), false],
  ])('%s: %s', (_case, values, found) => {
    expect(trendSignal(series(values), 'HEAT_INDEX', settings) !== undefined).toBe(found);
  });

  it('sees no slope when every reading has the same time', () => {
    const window = series([20, 30, 40, 50, 60], 0);
    expect(trendSignal(window, 'HEAT_INDEX', settings)).toBeUndefined();
  });
});

describe('anomalySignal', () => {
  /** 48 hours of baseline around 20 (+-1), then the given recent readings. */
  function withBaseline(recent: readonly number[]): SeriesWindow {
    const baseline = Array.from({ length: 48 * 6 }, (_, i) => 20 + (i % 2 ? 1 : -1));
    return series([...baseline, ...recent]);
  }

  it.each([
    ['recent readings like the baseline', [20, 21, 19], undefined],
    ['one outlier among the latest three', [20, 20, 26], undefined],
    ['the latest three far above', [30, 30, 30], 1],
    ['the latest three far below', [14, 14, 14], 0.667],
  ])('%s', (_case, recent, strength) => {
    expect(anomalySignal(withBaseline(recent), settings)?.strength).toBe(strength);
  });

  it.each([
    ['no baseline yet', series([20, 20, 50, 50, 50])],
    ['a baseline without spread', series([...Array(48 * 6).fill(20), 50, 50, 50])],
  ])('finds nothing with %s', (_case, window) => {
    expect(anomalySignal(window, settings)).toBeUndefined();
  });
});

import { SeriesWindow, type Point } from './series-window';
import { defaultDetectorSettings } from './settings';

const hour = 3_600_000;
const settings = {
  ...defaultDetectorSettings,
  windowMs: 6 * hour,
  maxWindowPoints: 10,
  allowedLatenessMs: hour,
};
const point = (id: string, at: number, value = 1): Point => ({ id, at, value });
const ids = (window: SeriesWindow) => window.recent().map((p) => p.id);

function windowOf(...points: Point[]): SeriesWindow {
  const window = new SeriesWindow(settings);
  for (const p of points) window.add(p);
  return window;
}

describe('SeriesWindow', () => {
  it('starts empty: no readings, no baseline', () => {
    const window = new SeriesWindow(settings);
    expect(window.recent()).toEqual([]);
    expect(window.since(0)).toEqual([]);
    expect(window.baseline()).toEqual({ buckets: 0, count: 0, mean: 0, std: 0 });
  });

  it.each([
    ['in order', [point('a', 1), point('b', 2), point('c', 3)], ['a', 'b', 'c']],
    [
      'out of order within the lateness',
      [point('a', 10), point('c', 30), point('b', 20)],
      ['a', 'b', 'c'],
    ],
    [
      'with equal times, in arrival order',
      [point('a', 5), point('b', 5), point('c', 5)],
      ['a', 'b', 'c'],
    ],
    ['a single point', [point('a', 5)], ['a']],
  ])('keeps readings in event-time order: %s', (_case, points, expected) => {
    expect(ids(windowOf(...points))).toEqual(expected);
  });

  it.each([
    [
      'late: older than the latest by more than the allowed lateness',
      point('x', 10 * hour - hour - 1),
      'late',
    ],
    ['just within the lateness', point('x', 10 * hour - hour), 'added'],
    ['a redelivered reading', point('a', 10 * hour), 'duplicate'],
  ])('refuses or takes a reading that is %s', (_case, incoming, outcome) => {
    const window = windowOf(point('a', 10 * hour));
    expect(window.add(incoming)).toBe(outcome);
    expect(window.recent()).toHaveLength(outcome === 'added' ? 2 : 1);
  });

  it('lets readings older than the window go, and holds at most maxWindowPoints', () => {
    const old = windowOf(point('old', 0), point('new', 7 * hour));
    expect(ids(old)).toEqual(['new']);
    const many = windowOf(...Array.from({ length: 15 }, (_, i) => point(`p${i}`, i * 1000)));
    expect(ids(many)).toEqual(Array.from({ length: 10 }, (_, i) => `p${i + 5}`));
  });

  it('measures the baseline over whole hours before the window only', () => {
    const window = windowOf(
      point('b1', 0, 10),
      point('b2', 1000, 14),
      point('b3', hour, 12),
      point('recent', 8 * hour, 100),
    );
    const baseline = window.baseline();
    expect([baseline.buckets, baseline.count, baseline.mean]).toEqual([2, 3, 12]);
    expect(baseline.std).toBeCloseTo(Math.sqrt(8 / 3), 9);
  });

  it('restores from its snapshot to the same state', () => {
    const window = windowOf(point('a', 0, 1), point('b', hour, 2), point('c', 7 * hour, 3));
    const copy = new SeriesWindow(settings, JSON.parse(JSON.stringify(window.snapshot())));
    expect(copy.snapshot()).toEqual(window.snapshot());
    expect(copy.add(point('c', 7 * hour, 3))).toBe('duplicate');
  });
});

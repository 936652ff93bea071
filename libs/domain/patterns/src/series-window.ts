import type { DetectorSettings } from './settings';

/** One reading of one (region, metric) series. */
export interface Point {
  /** Event id of the observation, kept as evidence. */
  readonly id: string;
  readonly at: number;
  readonly value: number;
}

/** Count, sum and sum of squares of the readings of one baseline bucket. */
export type Bucket = [start: number, count: number, sum: number, sumOfSquares: number];

export interface SeriesSnapshot {
  readonly latest: number;
  readonly points: readonly Point[];
  readonly buckets: readonly Bucket[];
}

export interface BaselineStats {
  /** Buckets that held readings. */
  readonly buckets: number;
  readonly count: number;
  readonly mean: number;
  readonly std: number;
}

/**
 * The readings of one series: recent ones raw and in event-time order, older ones folded into
 * hourly buckets for the baseline. Out-of-order readings within the allowed lateness are put in
 * their place; later ones are refused, so a replay cannot rewrite what was already decided.
 */
export class SeriesWindow {
  private points: Point[];
  /** The ids of `points`, so a duplicate is found without scanning the window. */
  private readonly ids: Set<string>;
  private buckets: Bucket[];
  private latestAt: number;

  constructor(
    private readonly settings: DetectorSettings,
    snapshot?: SeriesSnapshot,
  ) {
    this.points = snapshot ? [...snapshot.points] : [];
    this.ids = new Set(this.points.map((point) => point.id));
    this.buckets = snapshot ? snapshot.buckets.map((bucket) => [...bucket] as Bucket) : [];
    this.latestAt = snapshot?.latest ?? Number.NEGATIVE_INFINITY;
  }

  get latest(): number {
    return this.latestAt;
  }

  /** 'late' and 'duplicate' readings change nothing. */
  add(point: Point): 'added' | 'late' | 'duplicate' {
    if (point.at < this.latestAt - this.settings.allowedLatenessMs) return 'late';
    if (this.ids.has(point.id)) return 'duplicate';
    let index = this.points.length;
    // Equal times keep arrival order: the newcomer goes after them.
    while (index > 0 && this.points[index - 1]!.at > point.at) index--;
    this.points.splice(index, 0, point);
    this.ids.add(point.id);
    this.addToBucket(point);
    this.latestAt = Math.max(this.latestAt, point.at);
    this.evict();
    return 'added';
  }

  /** Raw readings at or after `from`, oldest first. */
  since(from: number): readonly Point[] {
    let index = this.points.length;
    while (index > 0 && this.points[index - 1]!.at >= from) index--;
    return this.points.slice(index);
  }

  recent(): readonly Point[] {
    return this.points;
  }

  /** Mean and spread of the readings before the raw window, over the baseline span. */
  baseline(): BaselineStats {
    const windowStart = this.latestAt - this.settings.windowMs;
    let buckets = 0;
    let count = 0;
    let sum = 0;
    let sumOfSquares = 0;
    for (const [start, n, s, ss] of this.buckets) {
      if (start + this.settings.baselineBucketMs > windowStart) continue;
      buckets += 1;
      count += n;
      sum += s;
      sumOfSquares += ss;
    }
    if (count === 0) return { buckets, count, mean: 0, std: 0 };
    const mean = sum / count;
    const variance = Math.max(0, sumOfSquares / count - mean * mean);
    return { buckets, count, mean, std: Math.sqrt(variance) };
  }

  snapshot(): SeriesSnapshot {
    return {
      latest: this.latestAt,
      points: [...this.points],
      buckets: this.buckets.map((b) => [...b] as Bucket),
    };
  }

  private addToBucket(point: Point): void {
    const start =
      point.at -
      (((point.at % this.settings.baselineBucketMs) + this.settings.baselineBucketMs) %
        this.settings.baselineBucketMs);
    // Buckets are in start order and most readings fall in the newest: search from the end.
    let index = this.buckets.length;
    while (index > 0 && this.buckets[index - 1]![0] > start) index--;
    let bucket = this.buckets[index - 1];
    if (!bucket || bucket[0] !== start) {
      bucket = [start, 0, 0, 0];
      this.buckets.splice(index, 0, bucket);
    }
    bucket[1] += 1;
    bucket[2] += point.value;
    bucket[3] += point.value * point.value;
  }

  private evict(): void {
    const windowStart = this.latestAt - this.settings.windowMs;
    const keepFrom = this.points.findIndex((point) => point.at >= windowStart);
    const overflow = Math.max(0, this.points.length - this.settings.maxWindowPoints);
    const evicted = this.points.splice(
      0,
      Math.max(keepFrom === -1 ? this.points.length : keepFrom, overflow),
    );
    for (const point of evicted) this.ids.delete(point.id);
    const baselineStart = windowStart - this.settings.baselineMs;
    let expired = 0;
    while (
      expired < this.buckets.length &&
      this.buckets[expired]![0] + this.settings.baselineBucketMs <= baselineStart
    ) {
      expired++;
    }
    if (expired > 0) this.buckets.splice(0, expired);
  }
}

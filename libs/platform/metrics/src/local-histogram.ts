import type { Attributes } from '@opentelemetry/api';

/** What a histogram is, as the SDK reports it: the OpenTelemetry instrument it stands for. */
export interface HistogramDescriptor {
  /** The instrumentation scope (meter name) it is reported under. */
  readonly scope: string;
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** Inclusive upper bounds of the buckets, ascending; one more bucket takes what is above. */
  readonly boundaries: readonly number[];
}

/** One attribute set's values so far, since `startTimeMs`. */
export interface HistogramPoint {
  /** Names the series: the same for the same attributes, whichever object carries them. */
  readonly series: string;
  readonly attributes: Attributes;
  readonly startTimeMs: number;
  /** One count per bucket: `boundaries.length + 1` of them. */
  readonly counts: readonly number[];
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/**
 * A histogram aggregated in process, cumulatively, for values recorded thousands of times a
 * second (one per Kafka record handled). The SDK's own histogram hashes the attribute set on
 * every record() call, about 2.4 µs here; a cell bound to an attribute set records in a few
 * nanoseconds. The telemetry SDK reports every local histogram when metrics are collected, as
 * an explicit-bucket histogram, the same as the SDK's would be.
 */
export class LocalHistogram {
  /** By the attribute set's content: a new object for the same series gets the same cell. */
  private readonly cells = new Map<string, HistogramCell>();

  constructor(
    readonly descriptor: HistogramDescriptor,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cell of one series: keep it and record into it, instead of passing attributes with
   * every value (finding the cell builds a key from the attributes).
   */
  cell(attributes: Attributes): HistogramCell {
    const key = JSON.stringify(
      Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    let cell = this.cells.get(key);
    if (!cell) {
      cell = new HistogramCell(key, attributes, this.descriptor.boundaries, this.now());
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** Every series' values so far. */
  points(): HistogramPoint[] {
    return [...this.cells.values()].map((cell) => cell.point());
  }
}

/** The values of one attribute set. */
export class HistogramCell {
  private readonly counts: number[];
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(
    private readonly series: string,
    readonly attributes: Attributes,
    private readonly boundaries: readonly number[],
    private readonly startTimeMs: number,
  ) {
    this.counts = new Array<number>(boundaries.length + 1).fill(0);
  }

  /** Adds one value; NaN and negative values are ignored, as the SDK's histogram ignores them. */
  record(value: number): void {
    if (!(value >= 0)) return;
    const boundaries = this.boundaries;
    let bucket = 0;
    // Few boundaries: a scan is as quick as a binary search. A value on a boundary belongs below.
    while (bucket < boundaries.length && (boundaries[bucket] as number) < value) bucket += 1;
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.count += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  point(): HistogramPoint {
    return {
      series: this.series,
      attributes: this.attributes,
      startTimeMs: this.startTimeMs,
      counts: [...this.counts],
      count: this.count,
      sum: this.sum,
      min: this.min,
      max: this.max,
    };
  }
}

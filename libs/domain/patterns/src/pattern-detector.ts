import { metricNames, type MetricName } from '@fieldline/domain-observations';
import { advance, subjectKey, type ActivePattern, type PatternSubject } from './lifecycle';
import type { PatternChange, PatternKind } from './pattern';
import { SeriesWindow, type SeriesSnapshot } from './series-window';
import { defaultDetectorSettings, type DetectorSettings } from './settings';
import { anomalySignal, thresholdSignal, trendSignal, type Signal } from './signals';

/** One observation as the detector needs it. */
export interface Reading {
  /** The observation's event id: evidence, and how a redelivered reading is recognised. */
  readonly id: string;
  readonly regionId: string;
  readonly metric: MetricName;
  readonly value: number;
  readonly at: number;
}

export interface Observed {
  readonly outcome: 'added' | 'late' | 'duplicate';
  readonly changes: readonly PatternChange[];
}

/** Everything the detector knows about one region, as plain data (for a changelog or a test). */
export interface RegionSnapshot {
  readonly regionId: string;
  readonly series: Readonly<Partial<Record<MetricName, SeriesSnapshot>>>;
  readonly active: readonly ActivePattern[];
  /** The region's clock when each metric last reported (absent in older snapshots). */
  readonly heardAt?: Readonly<Partial<Record<MetricName, number>>>;
  /** Its stream's clock when the region last reported (absent in older snapshots). */
  readonly streamHeardAt?: number;
}

interface RegionState {
  readonly series: Map<MetricName, SeriesWindow>;
  readonly active: Map<string, ActivePattern>;
  /**
   * The region's clock (its latest reading of any metric) when each metric last reported: a
   * metric whose readings lag the others is still reporting; one that stopped is not.
   */
  readonly heardAt: Map<MetricName, number>;
  /**
   * The clock of the region's stream when the region last reported: a region whose readings
   * lag the others on its stream keeps reporting, and keeps its patterns.
   */
  streamHeardAt: number | undefined;
}

/**
 * Regions whose readings arrive in one stream (one input partition, in order) and its clock:
 * the latest reading of any of them.
 */
interface Stream {
  readonly regionIds: Set<string>;
  clock: number | undefined;
}

const singleMetricKinds = ['THRESHOLD_EXCEEDANCE', 'TREND', 'ANOMALY'] as const;
/** Kinds that say a metric is hazardous right now, which co-occurrence combines. */
const hazardKinds: ReadonlySet<PatternKind> = new Set(['THRESHOLD_EXCEEDANCE', 'ANOMALY']);

/**
 * Finds patterns in the readings of each region: sustained exceedance, trends and anomalies per
 * metric, and co-occurrence of hazardous metrics in a region. A pure function of the readings
 * in the order given, with event time as its only clock: the same input gives the same changes.
 */
export class PatternDetector {
  private readonly regions = new Map<string, RegionState>();
  private readonly streams = new Map<string, Stream>();
  private readonly streamOf = new Map<string, string>();
  readonly settings: DetectorSettings;

  constructor(settings: Partial<DetectorSettings> = {}) {
    this.settings = { ...defaultDetectorSettings, ...settings };
  }

  /**
   * Takes one reading of the region. Given the `stream` its readings arrive in (one input
   * partition), the regions of that stream are also judged against the stream's clock each
   * time it passes a quarter of the quiet period: a region silent altogether loses its
   * patterns (see `dissolveSilentRegions`).
   */
  observe(reading: Reading, stream?: string): Observed {
    const observed = this.observeRegion(reading);
    if (stream === undefined) return observed;
    const joined = this.join(stream, reading.regionId);
    const before = joined.clock;
    const heard = this.clockOf(reading.regionId);
    if (heard === undefined) return observed;
    joined.clock = before === undefined ? heard : Math.max(before, heard);
    const region = this.regions.get(reading.regionId);
    if (region && observed.outcome === 'added') region.streamHeardAt = joined.clock;
    const sweepEveryMs = Math.max(1, this.settings.quietMs / 4);
    if (
      before === undefined ||
      Math.floor(joined.clock / sweepEveryMs) === Math.floor(before / sweepEveryMs)
    ) {
      return observed;
    }
    const dissolved = this.dissolveSilentRegions(joined.regionIds, joined.clock);
    return dissolved.length === 0
      ? observed
      : { outcome: observed.outcome, changes: [...observed.changes, ...dissolved] };
  }

  private observeRegion(reading: Reading): Observed {
    const region = this.region(reading.regionId);
    let series = region.series.get(reading.metric);
    if (!series) {
      series = new SeriesWindow(this.settings);
      region.series.set(reading.metric, series);
    }
    const outcome = series.add({ id: reading.id, at: reading.at, value: reading.value });
    if (outcome !== 'added') return { outcome, changes: [] };

    const at = series.latest;
    region.heardAt.set(reading.metric, Math.max(at, ...region.heardAt.values()));
    const changes: PatternChange[] = [];
    const step = (subject: PatternSubject, signal: Signal | undefined, time = at) => {
      const key = subjectKey(subject);
      const next = advance(subject, region.active.get(key), signal, time, this.settings);
      if (next.active) region.active.set(key, next.active);
      else region.active.delete(key);
      if (next.change) changes.push(next.change);
    };
    for (const kind of singleMetricKinds) {
      const signal =
        kind === 'THRESHOLD_EXCEEDANCE'
          ? thresholdSignal(series, reading.metric, this.settings)
          : kind === 'TREND'
            ? trendSignal(series, reading.metric, this.settings)
            : anomalySignal(series, this.settings);
      step({ regionId: reading.regionId, kind, metrics: [reading.metric] }, signal);
    }
    this.dissolveSilent(reading.metric, region, step);
    this.coOccurrence(reading.regionId, region, step);
    return { outcome, changes };
  }

  snapshot(regionId: string): RegionSnapshot | undefined {
    const region = this.regions.get(regionId);
    if (!region) return undefined;
    const series: Partial<Record<MetricName, SeriesSnapshot>> = {};
    for (const [metric, window] of region.series) series[metric] = window.snapshot();
    return {
      regionId,
      series,
      active: [...region.active.values()],
      heardAt: Object.fromEntries(region.heardAt),
      ...(region.streamHeardAt === undefined ? {} : { streamHeardAt: region.streamHeardAt }),
    };
  }

  /** Restores a region from its snapshot, as one of `stream`'s regions when given. */
  restore(snapshot: RegionSnapshot, stream?: string): void {
    const series = new Map<MetricName, SeriesWindow>();
    for (const [metric, window] of Object.entries(snapshot.series)) {
      series.set(metric as MetricName, new SeriesWindow(this.settings, window));
    }
    const heardAt = new Map<MetricName, number>();
    for (const [metric, window] of series) {
      heardAt.set(metric, snapshot.heardAt?.[metric] ?? window.latest);
    }
    this.regions.set(snapshot.regionId, {
      series,
      active: new Map(snapshot.active.map((pattern) => [subjectKey(pattern), pattern])),
      heardAt,
      streamHeardAt: snapshot.streamHeardAt,
    });
    if (stream === undefined) return;
    const joined = this.join(stream, snapshot.regionId);
    const clock = this.clockOf(snapshot.regionId);
    if (clock !== undefined) joined.clock = Math.max(joined.clock ?? clock, clock);
  }

  /** Forget a region (its partition moved to another instance). */
  forget(regionId: string): void {
    this.regions.delete(regionId);
    const stream = this.streamOf.get(regionId);
    this.streamOf.delete(regionId);
    const joined = stream === undefined ? undefined : this.streams.get(stream);
    joined?.regionIds.delete(regionId);
    // A stream whose regions are all forgotten starts again from what is restored into it.
    if (joined?.regionIds.size === 0) this.streams.delete(stream as string);
  }

  /** The stream `regionId`'s readings arrive in, with the region among its regions. */
  private join(stream: string, regionId: string): Stream {
    let joined = this.streams.get(stream);
    if (!joined) {
      joined = { regionIds: new Set(), clock: undefined };
      this.streams.set(stream, joined);
    }
    const previous = this.streamOf.get(regionId);
    if (previous !== stream) {
      if (previous !== undefined) this.streams.get(previous)?.regionIds.delete(regionId);
      this.streamOf.set(regionId, stream);
      joined.regionIds.add(regionId);
    }
    return joined;
  }

  regionIds(): string[] {
    return [...this.regions.keys()];
  }

  /** The region's clock: its latest reading of any metric; undefined before its first one. */
  clockOf(regionId: string): number | undefined {
    const heardAt = this.regions.get(regionId)?.heardAt;
    return heardAt && heardAt.size > 0 ? Math.max(...heardAt.values()) : undefined;
  }

  /**
   * Regions whose readings share a stream (one input partition) share its clock: the latest
   * reading of any of them. A region that has not reported while that clock moved on by the
   * quiet period, beyond the allowed lateness, has gone silent; a region whose readings merely
   * lag the others keeps reporting. A silent region's patterns dissolve as of a quiet period
   * after its own last reading, as if its readings had gone on without a signal. A pure
   * function of `clock`, like `observe` of the readings.
   */
  dissolveSilentRegions(regionIds: Iterable<string>, clock: number): PatternChange[] {
    const { quietMs, allowedLatenessMs } = this.settings;
    const changes: PatternChange[] = [];
    for (const regionId of regionIds) {
      const region = this.regions.get(regionId);
      const ownClock = this.clockOf(regionId);
      if (!region || ownClock === undefined) continue;
      const heard = region.streamHeardAt ?? ownClock;
      if (clock - heard < quietMs + allowedLatenessMs) continue;
      // Single-metric patterns first, then what combined them, as `observe` orders them.
      const ended = [...region.active.values()].sort(
        (a, b) => Number(a.kind === 'CO_OCCURRENCE') - Number(b.kind === 'CO_OCCURRENCE'),
      );
      for (const pattern of ended) {
        const next = advance(pattern, pattern, undefined, ownClock + quietMs, this.settings);
        if (next.active) region.active.set(subjectKey(pattern), next.active);
        else region.active.delete(subjectKey(pattern));
        if (next.change) changes.push(next.change);
      }
    }
    return changes;
  }

  /**
   * The patterns of the region's other metrics, judged at the region's watermark (its clock
   * less the lateness readings are allowed): a metric that has not reported while the region's
   * clock moved on by the quiet period leaves its patterns without a signal, and they dissolve
   * as if its readings had gone on without one. A metric whose readings only lag the others
   * (a backlog) keeps reporting, and keeps its patterns.
   */
  private dissolveSilent(
    metric: MetricName,
    region: RegionState,
    step: (subject: PatternSubject, signal: Signal | undefined, time: number) => void,
  ): void {
    const clock = region.heardAt.get(metric) ?? 0;
    const watermark = clock - this.settings.allowedLatenessMs;
    for (const pattern of [...region.active.values()]) {
      const other = pattern.metrics[0] as MetricName;
      if (pattern.kind === 'CO_OCCURRENCE' || other === metric) continue;
      const heard = region.heardAt.get(other) ?? pattern.lastSeenAt;
      if (watermark - heard >= this.settings.quietMs) step(pattern, undefined, watermark);
    }
  }

  /** Two or more metrics hazardous at once; a different set is a different pattern. */
  private coOccurrence(
    regionId: string,
    region: RegionState,
    step: (subject: PatternSubject, signal: Signal | undefined) => void,
  ): void {
    const hazards = [...region.active.values()].filter((pattern) => hazardKinds.has(pattern.kind));
    const metrics = metricNames.filter((metric) =>
      hazards.some((pattern) => pattern.metrics[0] === metric),
    );
    const current: PatternSubject | undefined =
      metrics.length >= 2 ? { regionId, kind: 'CO_OCCURRENCE', metrics } : undefined;
    for (const pattern of [...region.active.values()]) {
      if (
        pattern.kind === 'CO_OCCURRENCE' &&
        (!current || subjectKey(pattern) !== subjectKey(current))
      ) {
        step(pattern, undefined);
      }
    }
    if (!current) return;
    const involved = hazards.filter((pattern) => metrics.includes(pattern.metrics[0]!));
    step(current, {
      strength: mean(metrics.map((metric) => strongest(involved, metric))),
      confidence: Math.min(...involved.map((pattern) => pattern.confidence)),
      windowStart: Math.max(...involved.map((pattern) => pattern.window.start)),
      evidenceIds: involved.flatMap((pattern) => pattern.evidenceIds.slice(-3)),
    });
  }

  private region(regionId: string): RegionState {
    let region = this.regions.get(regionId);
    if (!region) {
      region = {
        series: new Map(),
        active: new Map(),
        heardAt: new Map(),
        streamHeardAt: undefined,
      };
      this.regions.set(regionId, region);
    }
    return region;
  }
}

function strongest(patterns: readonly ActivePattern[], metric: MetricName): number {
  return Math.max(0, ...patterns.filter((p) => p.metrics[0] === metric).map((p) => p.strength));
}

function mean(values: readonly number[]): number {
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 1000) / 1000;
}

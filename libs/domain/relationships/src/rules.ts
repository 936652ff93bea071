import { areNeighbours, clamp01, type MetricName } from '@fieldline/domain-observations';
import type { RelationshipKind } from './relationship';

/** A pattern the detector remembers: when it started, and when it ended if it did. */
export interface KnownPattern {
  readonly patternId: string;
  readonly regionId: string;
  readonly metric: MetricName;
  readonly strength: number;
  readonly startedAt: number;
  readonly dissolvedAt: number | null;
}

/** Hazards that feed each other: heat and drought dry fuel for fires, surge swells floods. */
const amplifying: readonly (readonly [MetricName, MetricName])[] = [
  ['HEAT_INDEX', 'DROUGHT_INDEX'],
  ['HEAT_INDEX', 'WILDFIRE_RISK'],
  ['DROUGHT_INDEX', 'WILDFIRE_RISK'],
  ['FLOOD_RISK', 'STORM_SURGE'],
  ['HEAT_INDEX', 'AIR_QUALITY'],
];

export interface Verdict {
  readonly kind: RelationshipKind;
  readonly strength: number;
  readonly source: KnownPattern;
  readonly target: KnownPattern;
  readonly lagMillis: number | null;
}

export const precedesWithinMs = 48 * 3_600_000;

/**
 * How two patterns relate, judged on their lifetimes in event time rather than on when their
 * events arrived: patterns alive at the same time amplify each other, co-occur in one region,
 * or are the same hazard in neighbouring regions; a related pattern that started after another
 * ended, within two days, follows it. Undefined when none holds. A pattern whose dissolution
 * has not arrived yet counts as alive; the Neighbourhood corrects a verdict its late
 * dissolution overturns.
 */
export function relate(a: KnownPattern, b: KnownPattern): Verdict | undefined {
  const sameRegion = a.regionId === b.regionId;
  const near = sameRegion || areNeighbours(a.regionId, b.regionId);
  if (!near || a.patternId === b.patternId) return undefined;
  if (sameRegion && a.metric === b.metric) return undefined;
  const [source, target] = a.startedAt <= b.startedAt ? [a, b] : [b, a];
  const together = Math.min(a.strength, b.strength);
  if (overlap(a, b)) {
    if (amplifies(a.metric, b.metric)) {
      const strength = round(clamp01(((a.strength + b.strength) / 2) * 1.25));
      return { kind: 'AMPLIFIES', strength, source, target, lagMillis: null };
    }
    if (sameRegion)
      return { kind: 'CO_OCCURS', strength: round(together), source, target, lagMillis: null };
    if (a.metric === b.metric) {
      return {
        kind: 'SPATIAL_NEIGHBOUR',
        strength: round(together),
        source,
        target,
        lagMillis: null,
      };
    }
    return undefined;
  }
  const lag = target.startedAt - source.startedAt;
  const related = a.metric === b.metric || amplifies(a.metric, b.metric);
  if (!related || lag > precedesWithinMs) return undefined;
  return {
    kind: 'PRECEDES',
    strength: round(together * (1 - lag / precedesWithinMs)),
    source,
    target,
    lagMillis: lag,
  };
}

/** Both were alive at some moment of event time. */
function overlap(a: KnownPattern, b: KnownPattern): boolean {
  return a.startedAt < (b.dissolvedAt ?? Infinity) && b.startedAt < (a.dissolvedAt ?? Infinity);
}

function amplifies(x: MetricName, y: MetricName): boolean {
  return amplifying.some(([p, q]) => (p === x && q === y) || (p === y && q === x));
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

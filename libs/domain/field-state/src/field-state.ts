import { clamp01, type MetricName } from '@fieldline/domain-observations';
import type { PatternKind } from '@fieldline/domain-patterns';

/** A pattern event as the field-state folds it. */
export interface PatternFact {
  readonly eventId: string;
  readonly patternId: string;
  readonly regionId: string;
  readonly kind: PatternKind;
  /** Known from the PatternDetected; a PatternEvolved does not repeat them. */
  readonly metrics?: readonly MetricName[];
  readonly dissolved: boolean;
  readonly strength: number;
  readonly confidence: number;
  readonly at: number;
}

interface ContributingPattern {
  readonly kind: PatternKind;
  readonly metrics: readonly MetricName[];
  readonly weight: number;
}

/** A region's state as of a version; plain data, so it can be checkpointed. */
export interface FieldState {
  readonly regionId: string;
  readonly version: number;
  readonly dimensions: Readonly<Partial<Record<MetricName, number>>>;
  readonly stability: number;
  readonly coherence: number;
  readonly asOf: number;
  readonly patterns: Readonly<Record<string, ContributingPattern>>;
  /** Recent direction of each dimension: a smoothed sum of its changes. */
  readonly momentum: Readonly<Partial<Record<MetricName, number>>>;
}

export interface ResonanceCenter {
  readonly regionId: string;
  readonly dimension: MetricName;
  readonly intensity: number;
}

/** How much a pattern of each kind says about its metrics' hazard. */
const kindWeights: Record<PatternKind, number> = {
  THRESHOLD_EXCEEDANCE: 1,
  ANOMALY: 0.8,
  TREND: 0.6,
  CO_OCCURRENCE: 0.5,
};

/** Scores move less than this: not a new version. */
const significantChange = 0.01;
/** How fast stability and coherence forget older changes (share of the newest change). */
const smoothing = 0.3;

/**
 * Folds one pattern event into a region's state. A new version (strictly the previous plus one)
 * is made only when a score moved or a pattern came or went; anything else leaves the state as
 * it was, so replays and duplicates make no versions.
 */
export function foldPattern(
  state: FieldState | undefined,
  fact: PatternFact,
): FieldState | undefined {
  const current = state ?? emptyState(fact.regionId);
  const known = current.patterns[fact.patternId];
  const patterns = { ...current.patterns };
  if (fact.dissolved) {
    if (!known) return undefined;
    delete patterns[fact.patternId];
  } else {
    const metrics = fact.metrics ?? known?.metrics;
    // An evolution of a pattern detected before this state began says nothing about metrics.
    if (!metrics || metrics.length === 0) return undefined;
    patterns[fact.patternId] = {
      kind: fact.kind,
      metrics,
      weight: round(clamp01(fact.strength * fact.confidence * kindWeights[fact.kind])),
    };
  }
  const dimensions = scoresOf(patterns);
  const changes = changesBetween(current.dimensions, dimensions);
  const momentum = momentumAfter(current.momentum, changes);
  const patternSetChanged = Boolean(known) !== Boolean(patterns[fact.patternId]);
  const moves = Object.values(changes);
  if (!patternSetChanged && moves.every((change) => Math.abs(change) < significantChange)) {
    return undefined;
  }
  return {
    regionId: fact.regionId,
    version: current.version + 1,
    dimensions,
    stability: round(
      smooth(current.stability, 1 - clamp01(moves.reduce((sum, c) => sum + Math.abs(c), 0))),
    ),
    coherence: round(agreementOf(Object.values(momentum))),
    asOf: Math.max(current.asOf, fact.at),
    patterns,
    momentum,
  };
}

/** The strongest dimensions, strongest first. */
export function resonanceCenters(state: FieldState, limit = 3): ResonanceCenter[] {
  return (Object.entries(state.dimensions) as [MetricName, number][])
    .filter(([, score]) => score > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, limit)
    .map(([dimension, intensity]) => ({ regionId: state.regionId, dimension, intensity }));
}

export function emptyState(regionId: string): FieldState {
  return {
    regionId,
    version: 0,
    dimensions: {},
    stability: 1,
    coherence: 1,
    asOf: 0,
    patterns: {},
    momentum: {},
  };
}

/** Each dimension's score: the chance any of its patterns is right (a noisy-OR of weights). */
function scoresOf(
  patterns: Readonly<Record<string, ContributingPattern>>,
): Partial<Record<MetricName, number>> {
  const calm: Partial<Record<MetricName, number>> = {};
  for (const pattern of Object.values(patterns)) {
    for (const metric of pattern.metrics) calm[metric] = (calm[metric] ?? 1) * (1 - pattern.weight);
  }
  const scores: Partial<Record<MetricName, number>> = {};
  for (const [metric, quiet] of Object.entries(calm) as [MetricName, number][])
    scores[metric] = round(1 - quiet);
  return scores;
}

type Scores = Readonly<Partial<Record<MetricName, number>>>;

function changesBetween(before: Scores, after: Scores): Partial<Record<MetricName, number>> {
  const changes: Partial<Record<MetricName, number>> = {};
  for (const metric of new Set([...Object.keys(before), ...Object.keys(after)] as MetricName[])) {
    changes[metric] = (after[metric] ?? 0) - (before[metric] ?? 0);
  }
  return changes;
}

function momentumAfter(before: Scores, changes: Scores): Partial<Record<MetricName, number>> {
  const momentum: Partial<Record<MetricName, number>> = {};
  for (const metric of new Set([...Object.keys(before), ...Object.keys(changes)] as MetricName[])) {
    const value = round((before[metric] ?? 0) * (1 - smoothing) + (changes[metric] ?? 0));
    if (value !== 0) momentum[metric] = value;
  }
  return momentum;
}

/** 1 when every dimension heads the same way, 0 when their directions cancel out. */
function agreementOf(momenta: readonly number[]): number {
  const total = momenta.reduce((sum, value) => sum + Math.abs(value), 0);
  if (total === 0) return 1;
  return Math.abs(momenta.reduce((sum, value) => sum + value, 0)) / total;
}

function smooth(previous: number, latest: number): number {
  return previous * (1 - smoothing) + latest * smoothing;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

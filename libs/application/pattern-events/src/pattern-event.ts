import type { Metric, PatternDetected, PatternEvolved } from '@fieldline/contracts';
import type { MetricName } from '@fieldline/domain-observations';
import type { PatternKind, PatternPhase } from '@fieldline/domain-patterns';

/** A pattern event as every consumer of `patterns` reads it, in the domain's own terms. */
export interface PatternEventView {
  readonly eventId: string;
  readonly patternId: string;
  readonly regionId: string;
  readonly kind: PatternKind;
  /** The metrics a detection names; an evolution does not repeat them. */
  readonly metrics: readonly MetricName[] | undefined;
  readonly phase: PatternPhase;
  readonly strength: number;
  readonly confidence: number;
  /** When it happened (the envelope's occurredAt), epoch milliseconds. */
  readonly at: number;
}

/**
 * Reads a PatternDetected or PatternEvolved; undefined when its kind or phase is one this build
 * does not know (a newer writer's symbol, read as UNKNOWN). Unknown metrics are left out.
 */
export function readPatternEvent(
  event: PatternDetected | PatternEvolved,
): PatternEventView | undefined {
  if (event.kind === 'UNKNOWN' || event.phase === 'UNKNOWN') return undefined;
  return {
    eventId: event.envelope.eventId,
    patternId: event.patternId,
    regionId: event.regionId,
    kind: event.kind,
    metrics: 'metrics' in event ? event.metrics.filter(isKnown) : undefined,
    phase: event.phase,
    strength: event.strength,
    confidence: event.confidence,
    at: event.envelope.occurredAt,
  };
}

function isKnown(metric: Metric): metric is MetricName {
  return metric !== 'UNKNOWN';
}

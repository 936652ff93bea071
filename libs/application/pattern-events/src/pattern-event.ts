import type { Metric, PatternDetected, PatternEvolved } from '@fieldline/contracts';
import type { MetricName } from '@fieldline/domain-observations';
import type { PatternKind, PatternPhase } from '@fieldline/domain-patterns';

/** A pattern event as every consumer of `patterns` reads it, in the domain's own terms. */
export interface PatternEventView {
  readonly eventId: string;
  readonly patternId: string;
  readonly regionId: string;
  readonly kind: PatternKind;
  /**
   * The metrics the pattern is about; undefined for an evolution written before version 2 of
   * PatternEvolved, which did not repeat them (its detection named them).
   */
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
    metrics: writtenBeforeMetrics(event) ? undefined : event.metrics.filter(isKnown),
    phase: event.phase,
    strength: event.strength,
    confidence: event.confidence,
    at: event.envelope.occurredAt,
  };
}

function isKnown(metric: Metric): metric is MetricName {
  return metric !== 'UNKNOWN';
}

/** An evolution from before version 2 reads with the default: no metrics. */
function writtenBeforeMetrics(event: PatternDetected | PatternEvolved): boolean {
  return 'previousPhase' in event && event.metrics.length === 0;
}

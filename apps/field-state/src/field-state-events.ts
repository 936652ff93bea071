import type { Metric, PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { resonanceCenters, type FieldState, type PatternFact } from '@fieldline/domain-field-state';
import type { MetricName } from '@fieldline/domain-observations';
import type { BatchEntry } from '@fieldline/platform-kafka';
import { v5 as nameBasedUuid } from 'uuid';

const fieldStateNamespace = '8f0b5a4e-2c71-4d3a-9e86-1b7f4c2d6a05';

/** A pattern event as the fold takes it; undefined for kinds or metrics this build does not know. */
export function patternFactOf(event: PatternDetected | PatternEvolved): PatternFact | undefined {
  if (event.kind === 'UNKNOWN') return undefined;
  const metrics =
    'metrics' in event
      ? event.metrics.filter((metric): metric is MetricName => metric !== 'UNKNOWN')
      : undefined;
  return {
    eventId: event.envelope.eventId,
    patternId: event.patternId,
    regionId: event.regionId,
    kind: event.kind,
    ...(metrics ? { metrics } : {}),
    dissolved: event.phase === 'DISSOLVED',
    strength: event.strength,
    confidence: event.confidence,
    at: event.envelope.occurredAt,
  };
}

/** A new version as the compacted `field-states` topic carries it; its id names region and version. */
export function fieldStateEntry(state: FieldState): BatchEntry<'field-states'> {
  return {
    key: { regionId: state.regionId },
    event: {
      type: 'dev.fieldline.fieldstates.FieldStateUpdated',
      regionId: state.regionId,
      version: state.version,
      dimensions: (Object.entries(state.dimensions) as [Metric, number][]).map(
        ([dimension, score]) => ({
          dimension,
          score,
        }),
      ),
      stability: state.stability,
      coherence: state.coherence,
      resonanceCenters: resonanceCenters(state),
      contributingPatternIds: Object.keys(state.patterns),
      asOf: state.asOf,
    },
    options: {
      eventId: nameBasedUuid(`${state.regionId}#${state.version}`, fieldStateNamespace),
      occurredAt: state.asOf,
    },
  };
}

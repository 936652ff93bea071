import type { Metric, PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { resonanceCenters, type FieldState, type PatternFact } from '@fieldline/domain-field-state';
import type { BatchEntry } from '@fieldline/platform-kafka';
import { readPatternEvent } from '@fieldline/application-pattern-events';
import { v5 as nameBasedUuid } from 'uuid';

const fieldStateNamespace = '8f0b5a4e-2c71-4d3a-9e86-1b7f4c2d6a05';

/** A pattern event as the fold takes it; undefined for kinds or phases this build does not know. */
export function patternFactOf(event: PatternDetected | PatternEvolved): PatternFact | undefined {
  const view = readPatternEvent(event);
  if (!view) return undefined;
  const { metrics, phase, ...rest } = view;
  return { ...rest, ...(metrics ? { metrics } : {}), dissolved: phase === 'DISSOLVED' };
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

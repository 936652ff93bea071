import type { ObservationRecorded } from '@fieldline/contracts';
import type { Reading } from '@fieldline/domain-patterns';

/** An observation as the detector reads it; UNKNOWN metrics (from a newer writer) are skipped. */
export function readingOf(observation: ObservationRecorded): Reading | undefined {
  if (observation.metric === 'UNKNOWN') return undefined;
  return {
    id: observation.envelope.eventId,
    regionId: observation.regionId,
    metric: observation.metric,
    value: observation.value,
    at: observation.observedAt,
  };
}

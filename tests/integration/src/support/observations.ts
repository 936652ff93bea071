import { randomUUID } from 'node:crypto';
import type { ObservationRecorded } from '@fieldline/contracts';
import type { OutgoingEvent } from '@fieldline/platform-kafka';

export const observationRecordName = 'dev.fieldline.observations.ObservationRecorded' as const;

/** An observation as version 1 (without `confidence`) or version 2 writes it. */
export type SampleObservation = Omit<ObservationRecorded, 'confidence'> &
  Partial<Pick<ObservationRecorded, 'confidence'>>;

/** A valid ObservationRecorded; version 2 when `confidence` (the v2 field) is given. */
export function sampleObservation(
  fields: Partial<Omit<ObservationRecorded, 'envelope'>> = {},
): SampleObservation {
  const eventId = randomUUID();
  return {
    envelope: {
      eventId,
      eventType: observationRecordName,
      schemaVersion: fields.confidence === undefined ? 1 : 2,
      occurredAt: 1_767_225_600_000,
      producer: 'integration-tests',
      correlationId: eventId,
      causationId: null,
    },
    source: 'station-7',
    regionId: 'region-north',
    metric: 'FLOOD_RISK',
    value: 0.75,
    unit: 'index',
    observedAt: 1_767_225_600_000,
    attributes: { elevation: '12m' },
    ...fields,
  };
}

/** An ObservationRecorded as a publisher sends it: the envelope is stamped on the way out. */
export function observationEvent(
  fields: Partial<Omit<ObservationRecorded, 'envelope'>> = {},
): OutgoingEvent<'observations'> {
  const { envelope: _envelope, ...rest } = sampleObservation(fields);
  return { type: observationRecordName, confidence: null, ...rest };
}

/** A PatternDetected that a stage derives from one observation (it names it as evidence). */
export function patternFromObservation(
  observation: ObservationRecorded,
  kind: 'THRESHOLD_EXCEEDANCE' | 'ANOMALY',
): OutgoingEvent<'patterns'> {
  return {
    type: 'dev.fieldline.patterns.PatternDetected',
    patternId: randomUUID(),
    regionId: observation.regionId,
    kind,
    metrics: [observation.metric],
    phase: 'EMERGING',
    strength: observation.value,
    confidence: 1,
    window: { start: observation.observedAt, end: observation.observedAt },
    evidenceIds: [observation.envelope.eventId],
  };
}

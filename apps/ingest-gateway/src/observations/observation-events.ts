import type { Metric } from '@fieldline/contracts';
import type { MetricName, Observation } from '@fieldline/domain-observations';
import type { BatchEntry } from '@fieldline/platform-kafka';

// The domain's metrics are the contract's symbols, UNKNOWN aside: adding a metric to one of
// them and not the other fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const metricsAgree: Same<MetricName, Exclude<Metric, 'UNKNOWN'>> = true;
void metricsAgree;

export interface Origin {
  /** Shared by every event of one external request. */
  readonly correlationId: string;
  /** Stable event ids make a retried delivery recognisable downstream. */
  readonly eventIdOf?: (index: number) => string;
}

/** An accepted reading as the `observations` topic carries it, keyed by its region. */
export function observationEntry(
  observation: Observation,
  origin: Origin,
  index: number,
): BatchEntry<'observations'> {
  return {
    key: { regionId: observation.regionId },
    event: {
      type: 'dev.fieldline.observations.ObservationRecorded',
      source: observation.source,
      regionId: observation.regionId,
      metric: observation.metric,
      value: observation.value,
      unit: observation.unit,
      observedAt: observation.observedAt,
      attributes: { ...observation.attributes },
      confidence: observation.confidence,
    },
    options: {
      occurredAt: observation.observedAt,
      correlationId: origin.correlationId,
      ...(origin.eventIdOf ? { eventId: origin.eventIdOf(index) } : {}),
    },
  };
}

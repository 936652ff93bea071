import type { Observation } from '@fieldline/domain-observations';
import type { Publisher } from '@fieldline/platform-kafka';
import { observationEntry, type Origin } from './observation-events';

export interface Accepted {
  readonly eventIds: readonly string[];
}

export interface PartlyAccepted {
  /** Event ids of the readings Kafka acknowledged, by position; undefined where it did not. */
  readonly eventIds: readonly (string | undefined)[];
  readonly failures: readonly { readonly index: number; readonly error: unknown }[];
}

/**
 * Publishes accepted readings and resolves only when Kafka acknowledged them (acks=all). Each
 * reading's outcome is its own, so a caller learns exactly which were written when a send fails.
 */
export class ObservationSink {
  constructor(private readonly publisher: Publisher) {}

  async accept(
    observations: readonly Observation[],
    origin: Origin,
  ): Promise<Accepted | PartlyAccepted> {
    const { published, failures } = await this.publisher.publishEach(
      'observations',
      observations.map((observation, index) => observationEntry(observation, origin, index)),
    );
    const eventIds = published.map((event) => event?.eventId);
    return failures.length === 0 ? { eventIds: eventIds as string[] } : { eventIds, failures };
  }
}

export function isPartial(result: Accepted | PartlyAccepted): result is PartlyAccepted {
  return 'failures' in result;
}

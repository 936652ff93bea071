import type { PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { neighboursOf } from '@fieldline/domain-observations';
import type { BatchEntry, OutgoingEvent } from '@fieldline/platform-kafka';
import { v5 as nameBasedUuid } from 'uuid';

const copyNamespace = '7a4c2e18-5f3b-4d9a-b6e0-3c8f1a2d4e57';

/**
 * The copies of one pattern event for the neighbourhoods that relate it: its own region's, and
 * those of grid neighbours before it by id (a pair of regions is related by the first of them).
 */
export function neighbourhoodCopies(
  type: 'dev.fieldline.patterns.PatternDetected' | 'dev.fieldline.patterns.PatternEvolved',
  event: PatternDetected | PatternEvolved,
): BatchEntry<'pattern-neighbourhoods'>[] {
  const { envelope, ...fields } = event;
  const body = { ...fields, type } as OutgoingEvent<'pattern-neighbourhoods'>;
  const anchors = [
    event.regionId,
    ...neighboursOf(event.regionId).filter((id) => id < event.regionId),
  ];
  return anchors.map((anchor) => ({
    key: { regionId: anchor },
    event: body,
    options: {
      eventId: nameBasedUuid(`${envelope.eventId}@${anchor}`, copyNamespace),
      occurredAt: envelope.occurredAt,
      correlationId: envelope.correlationId,
    },
  }));
}

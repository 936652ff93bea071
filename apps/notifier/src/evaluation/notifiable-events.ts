import type {
  FieldStateUpdated,
  PatternDetected,
  PatternEvolved,
  RelationshipChanged,
  RelationshipFormed,
} from '@fieldline/contracts';
import { readPatternEvent } from '@fieldline/application-pattern-events';
import type { Notifiable } from '@fieldline/domain-notifications';
import type { MetricName } from '@fieldline/domain-observations';

export function patternNotifiable(event: PatternDetected | PatternEvolved): Notifiable | undefined {
  const view = readPatternEvent(event);
  if (!view) return undefined;
  const { eventId, at, patternId, regionId, kind, metrics, phase, strength } = view;
  return {
    on: 'pattern',
    eventId,
    at,
    patternId,
    regionId,
    kind,
    metrics: metrics ?? [],
    phase,
    strength,
  };
}

export function fieldStateNotifiable(event: FieldStateUpdated): Notifiable {
  const scores: Partial<Record<MetricName, number>> = {};
  for (const { dimension, score } of event.dimensions)
    if (dimension !== 'UNKNOWN') scores[dimension] = score;
  return {
    on: 'field-state',
    eventId: event.envelope.eventId,
    at: event.envelope.occurredAt,
    regionId: event.regionId,
    version: event.version,
    scores,
  };
}

/** A RelationshipChanged carries no regions; the notifier only learns them from the formation. */
export function relationshipNotifiable(
  event: RelationshipFormed | RelationshipChanged,
): Notifiable | undefined {
  if (event.kind === 'UNKNOWN') return undefined;
  const formed = 'sourceRegionId' in event;
  return {
    on: 'relationship',
    eventId: event.envelope.eventId,
    at: event.envelope.occurredAt,
    relationshipId: event.relationshipId,
    kind: event.kind,
    regionIds: formed ? [event.sourceRegionId, event.targetRegionId] : [],
    strength: event.strength,
    formed,
  };
}

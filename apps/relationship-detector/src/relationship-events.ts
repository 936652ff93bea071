import type { PatternDetected, PatternEvolved } from '@fieldline/contracts';
import type { PatternSighting, RelationshipChange } from '@fieldline/domain-relationships';
import type { BatchEntry } from '@fieldline/platform-kafka';
import { readPatternEvent } from '@fieldline/application-pattern-events';
import { v5 as nameBasedUuid } from 'uuid';

const relationshipNamespace = 'c3e9a1d7-64b2-4f0e-8b5a-2d7e9f1c0a36';

/** A pattern event as a neighbourhood sees it; undefined for a kind this build does not know. */
export function sightingOf(event: PatternDetected | PatternEvolved): PatternSighting | undefined {
  const view = readPatternEvent(event);
  if (!view) return undefined;
  const { patternId, regionId, kind, metrics, strength, phase, at } = view;
  return {
    patternId,
    regionId,
    kind,
    ...(metrics ? { metrics } : {}),
    strength,
    dissolved: phase === 'DISSOLVED',
    at,
  };
}

/** A relationship change as the `relationships` topic carries it, keyed by its pattern pair. */
export function relationshipEntry(change: RelationshipChange): BatchEntry<'relationships'> {
  const { relationship } = change;
  // A PRECEDES is named by its kind too: it can replace a relationship of the same pair formed
  // at the same moment (a correction). Nothing changes a PRECEDES once formed, so no id given
  // before this naming has later events.
  const relationshipId = nameBasedUuid(
    `${relationship.pairId}@${relationship.formedAt}${relationship.kind === 'PRECEDES' ? '#PRECEDES' : ''}`,
    relationshipNamespace,
  );
  const key = { patternPairId: relationship.pairId };
  if (change.type === 'formed') {
    return {
      key,
      event: {
        type: 'dev.fieldline.relationships.RelationshipFormed',
        relationshipId,
        patternPairId: relationship.pairId,
        sourcePatternId: relationship.sourcePatternId,
        targetPatternId: relationship.targetPatternId,
        sourceRegionId: relationship.sourceRegionId,
        targetRegionId: relationship.targetRegionId,
        kind: relationship.kind,
        strength: relationship.strength,
        lagMillis: relationship.lagMillis,
      },
      options: {
        eventId: nameBasedUuid(`${relationshipId}#formed`, relationshipNamespace),
        occurredAt: relationship.formedAt,
      },
    };
  }
  return {
    key,
    event: {
      type: 'dev.fieldline.relationships.RelationshipChanged',
      relationshipId,
      patternPairId: relationship.pairId,
      kind: relationship.kind,
      previousStrength: change.previousStrength,
      strength: relationship.strength,
      dissolved: change.dissolved,
    },
    options: {
      eventId: nameBasedUuid(
        `${relationshipId}#${change.at}#${relationship.strength}#${change.dissolved}`,
        relationshipNamespace,
      ),
      occurredAt: change.at,
    },
  };
}

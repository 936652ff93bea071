import type { PatternDetected } from '@fieldline/contracts';
import type { Relationship } from '@fieldline/domain-relationships';
import { neighbourhoodCopies } from './neighbourhood-copies';
import { relationshipEntry, sightingOf } from './relationship-events';

const detected: PatternDetected = {
  envelope: {
    eventId: 'e1',
    eventType: 'dev.fieldline.patterns.PatternDetected',
    schemaVersion: 1,
    occurredAt: 9_000,
    producer: 'pattern-detector',
    correlationId: 'c1',
    causationId: null,
  },
  patternId: 'p1',
  regionId: 'r-02-02',
  kind: 'THRESHOLD_EXCEEDANCE',
  metrics: ['HEAT_INDEX'],
  phase: 'EMERGING',
  strength: 0.5,
  confidence: 1,
  window: { start: 0, end: 9_001 },
  evidenceIds: [],
};

const relationship: Relationship = {
  pairId: 'p1:p2',
  kind: 'AMPLIFIES',
  sourcePatternId: 'p1',
  targetPatternId: 'p2',
  sourceRegionId: 'r-02-02',
  targetRegionId: 'r-02-03',
  strength: 0.7,
  lagMillis: null,
  formedAt: 10_000,
  ended: false,
};

describe('relationship-detector events', () => {
  it('copies a pattern to its own neighbourhood and those of earlier neighbours only', () => {
    const copies = neighbourhoodCopies('dev.fieldline.patterns.PatternDetected', detected);
    expect(copies.map((copy) => copy.key.regionId)).toEqual([
      'r-02-02',
      'r-01-01',
      'r-01-02',
      'r-01-03',
      'r-02-01',
    ]);
    expect(new Set(copies.map((copy) => copy.options?.eventId)).size).toBe(copies.length);
    expect(copies[0]!.event).toMatchObject({
      type: 'dev.fieldline.patterns.PatternDetected',
      patternId: 'p1',
    });
    expect(copies[0]!.options).toMatchObject({ occurredAt: 9_000, correlationId: 'c1' });
  });

  it('reads a sighting with its time and phase', () => {
    expect(sightingOf(detected)).toEqual({
      patternId: 'p1',
      regionId: 'r-02-02',
      kind: 'THRESHOLD_EXCEEDANCE',
      metrics: ['HEAT_INDEX'],
      strength: 0.5,
      dissolved: false,
      at: 9_000,
    });
  });

  it('keys relationship events by the pair and gives one relationship one id across its events', () => {
    const formed = relationshipEntry({ type: 'formed', relationship });
    const ended = relationshipEntry({
      type: 'changed',
      relationship: { ...relationship, strength: 0, ended: true },
      previousStrength: 0.7,
      dissolved: true,
      at: 20_000,
    });
    expect(formed.key).toEqual({ patternPairId: 'p1:p2' });
    expect(ended.event).toMatchObject({
      type: 'dev.fieldline.relationships.RelationshipChanged',
      dissolved: true,
      previousStrength: 0.7,
    });
    expect((ended.event as { relationshipId: string }).relationshipId).toBe(
      (formed.event as { relationshipId: string }).relationshipId,
    );
    expect(ended.options?.eventId).not.toBe(formed.options?.eventId);
  });

  it('names a PRECEDES that corrects a relationship formed at the same moment apart from it', () => {
    const corrected = relationshipEntry({
      type: 'formed',
      relationship: { ...relationship, kind: 'PRECEDES', lagMillis: 10_000 },
    });
    const replaced = relationshipEntry({ type: 'formed', relationship });
    const idOf = (entry: typeof corrected) =>
      (entry.event as { relationshipId: string }).relationshipId;
    expect(idOf(corrected)).not.toBe(idOf(replaced));
    expect(corrected.options?.eventId).not.toBe(replaced.options?.eventId);
  });
});

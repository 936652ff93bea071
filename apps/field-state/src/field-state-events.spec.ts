import type { PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { foldPattern } from '@fieldline/domain-field-state';
import { fieldStateEntry, patternFactOf } from './field-state-events';

const envelope = {
  eventId: 'e1',
  eventType: 'dev.fieldline.patterns.PatternDetected',
  schemaVersion: 1,
  occurredAt: 5_000,
  producer: 'pattern-detector',
  correlationId: 'c',
  causationId: null,
};
const detected: PatternDetected = {
  envelope,
  patternId: 'p1',
  regionId: 'r-01-01',
  kind: 'THRESHOLD_EXCEEDANCE',
  metrics: ['HEAT_INDEX', 'UNKNOWN'],
  phase: 'EMERGING',
  strength: 0.6,
  confidence: 1,
  window: { start: 0, end: 5_001 },
  evidenceIds: [],
};

describe('field-state events', () => {
  it('reads a detection with its known metrics, and a dissolution as such', () => {
    expect(patternFactOf(detected)).toMatchObject({
      metrics: ['HEAT_INDEX'],
      dissolved: false,
      at: 5_000,
    });
    const dissolved: PatternEvolved = {
      ...detected,
      previousPhase: 'WEAKENING',
      phase: 'DISSOLVED',
    };
    expect(patternFactOf(dissolved)).toMatchObject({ dissolved: true, metrics: ['HEAT_INDEX'] });
    // Written before version 2, an evolution names no metrics: its detection's are used.
    expect(patternFactOf({ ...dissolved, metrics: [] })).not.toHaveProperty('metrics');
  });

  it('skips a pattern of a kind this build does not know', () => {
    expect(patternFactOf({ ...detected, kind: 'UNKNOWN' })).toBeUndefined();
  });

  it('writes a version keyed by region, named by region and version', () => {
    const state = foldPattern(undefined, patternFactOf(detected)!)!;
    const entry = fieldStateEntry(state);
    expect(entry.key).toEqual({ regionId: 'r-01-01' });
    expect(entry.event).toMatchObject({
      version: 1,
      dimensions: [{ dimension: 'HEAT_INDEX', score: 0.6 }],
      resonanceCenters: [{ regionId: 'r-01-01', dimension: 'HEAT_INDEX', intensity: 0.6 }],
      contributingPatternIds: ['p1'],
      asOf: 5_000,
    });
    expect(fieldStateEntry(state).options?.eventId).toBe(entry.options?.eventId);
  });
});

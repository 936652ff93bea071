import type { PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { readPatternEvent } from './pattern-event';

const detected: PatternDetected = {
  envelope: {
    eventId: 'e1',
    eventType: 'dev.fieldline.patterns.PatternDetected',
    schemaVersion: 1,
    occurredAt: 9_000,
    producer: 'pattern-detector',
    correlationId: 'c',
    causationId: null,
  },
  patternId: 'p1',
  regionId: 'r-01-01',
  kind: 'THRESHOLD_EXCEEDANCE',
  metrics: ['HEAT_INDEX', 'UNKNOWN'],
  phase: 'EMERGING',
  strength: 0.5,
  confidence: 0.9,
  window: { start: 0, end: 9_001 },
  evidenceIds: [],
};
const evolved: PatternEvolved = { ...detected, previousPhase: 'EMERGING', phase: 'DISSOLVED' };

describe('readPatternEvent', () => {
  it('reads a detection with its known metrics and the time it happened', () => {
    expect(readPatternEvent(detected)).toEqual({
      eventId: 'e1',
      patternId: 'p1',
      regionId: 'r-01-01',
      kind: 'THRESHOLD_EXCEEDANCE',
      metrics: ['HEAT_INDEX'],
      phase: 'EMERGING',
      strength: 0.5,
      confidence: 0.9,
      at: 9_000,
    });
  });

  it('reads an evolution with the metrics it names', () => {
    expect(readPatternEvent(evolved)).toMatchObject({
      phase: 'DISSOLVED',
      metrics: ['HEAT_INDEX'],
    });
  });

  it('reads an evolution written before version 2 as naming no metrics', () => {
    expect(readPatternEvent({ ...evolved, metrics: [] })).toMatchObject({ metrics: undefined });
  });

  it.each([
    ['kind', { ...detected, kind: 'UNKNOWN' as const }],
    ['phase', { ...detected, phase: 'UNKNOWN' as const }],
  ])('skips an event whose %s this build does not know', (_case, event) => {
    expect(readPatternEvent(event)).toBeUndefined();
  });
});

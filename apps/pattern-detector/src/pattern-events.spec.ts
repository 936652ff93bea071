import type { PatternChange } from '@fieldline/domain-patterns';
import { patternEntry } from './pattern-events';

const detected: PatternChange = {
  type: 'detected',
  pattern: {
    patternId: 'r-01-01/THRESHOLD_EXCEEDANCE/HEAT_INDEX@1000',
    regionId: 'r-01-01',
    kind: 'THRESHOLD_EXCEEDANCE',
    metrics: ['HEAT_INDEX'],
    phase: 'EMERGING',
    strength: 0.4,
    confidence: 0.9,
    window: { start: 1000, end: 5001 },
    evidenceIds: ['o1', 'o2'],
    seq: 0,
  },
};
const evolved: PatternChange = {
  type: 'evolved',
  previousPhase: 'EMERGING',
  pattern: { ...detected.pattern, phase: 'STRENGTHENING', strength: 0.6, seq: 1 },
};

describe('patternEntry', () => {
  it('keys a change by region and names it by pattern and sequence, the same on every replay', () => {
    const first = patternEntry(detected);
    expect(first.key).toEqual({ regionId: 'r-01-01' });
    expect(first.options?.occurredAt).toBe(5000);
    expect(patternEntry(detected)).toEqual(first);
    expect(patternEntry(evolved).options?.eventId).not.toBe(first.options?.eventId);
  });

  it('gives both events of one pattern the same UUID pattern id', () => {
    const [a, b] = [patternEntry(detected).event, patternEntry(evolved).event];
    expect(a.patternId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(b.patternId).toBe(a.patternId);
  });

  it.each([
    [
      detected,
      {
        type: 'dev.fieldline.patterns.PatternDetected',
        metrics: ['HEAT_INDEX'],
        phase: 'EMERGING',
      },
    ],
    [
      evolved,
      {
        type: 'dev.fieldline.patterns.PatternEvolved',
        metrics: ['HEAT_INDEX'],
        previousPhase: 'EMERGING',
        phase: 'STRENGTHENING',
      },
    ],
  ])('writes %#: the right event type and phases', (change, expected) => {
    expect(patternEntry(change).event).toMatchObject(expected);
  });
});

import type { OutgoingEvent } from '../publish/event-writer';

/** A valid PatternDetected of region-1 for unit specs, with `patternId` as given. */
export function samplePattern(patternId: string): OutgoingEvent<'patterns'> {
  return {
    type: 'dev.fieldline.patterns.PatternDetected',
    patternId,
    regionId: 'region-1',
    kind: 'THRESHOLD_EXCEEDANCE',
    metrics: ['HEAT_INDEX'],
    phase: 'EMERGING',
    strength: 1,
    confidence: 1,
    window: { start: 0, end: 0 },
    evidenceIds: ['e-1'],
  };
}

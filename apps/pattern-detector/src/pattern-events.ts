import type { PatternChange } from '@fieldline/domain-patterns';
import type { BatchEntry } from '@fieldline/platform-kafka';
import { v5 as nameBasedUuid } from 'uuid';

/** Names pattern ids and event ids: a replay of the same input names them the same way. */
const patternNamespace = '5d1f6a3e-9b0c-4f7e-8a21-6c3d2b1e0f94';

/** A pattern change as the `patterns` topic carries it. */
export function patternEntry(change: PatternChange): BatchEntry<'patterns'> {
  const { pattern } = change;
  const common = {
    patternId: nameBasedUuid(pattern.patternId, patternNamespace),
    regionId: pattern.regionId,
    kind: pattern.kind,
    phase: pattern.phase,
    strength: pattern.strength,
    confidence: pattern.confidence,
    window: { start: pattern.window.start, end: pattern.window.end },
    evidenceIds: [...pattern.evidenceIds],
    metrics: [...pattern.metrics],
  };
  return {
    key: { regionId: pattern.regionId },
    event:
      change.type === 'detected'
        ? { type: 'dev.fieldline.patterns.PatternDetected', ...common }
        : {
            type: 'dev.fieldline.patterns.PatternEvolved',
            ...common,
            kind: pattern.kind,
            previousPhase: change.previousPhase,
          },
    options: {
      eventId: nameBasedUuid(`${pattern.patternId}#${pattern.seq}`, patternNamespace),
      occurredAt: pattern.window.end - 1,
    },
  };
}

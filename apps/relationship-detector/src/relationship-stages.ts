import type { PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { Neighbourhood, type NeighbourhoodSnapshot } from '@fieldline/domain-relationships';
import type { HandledEvent, KafkaRuntime, RuntimeLog } from '@fieldline/platform-kafka';
import {
  KeyedCheckpointStore,
  type KeyedCheckpoint,
  type StageCheckpoints,
} from '@fieldline/platform-postgres';
import { neighbourhoodCopies } from './neighbourhood-copies';
import { relationshipEntry, sightingOf } from './relationship-events';

type PatternEventName =
  'dev.fieldline.patterns.PatternDetected' | 'dev.fieldline.patterns.PatternEvolved';

/** patterns -> pattern-neighbourhoods: each event copied, exactly once, to the neighbourhoods that relate it. */
export function repartitionStage(runtime: KafkaRuntime, groupId: string) {
  const copy = async (handled: HandledEvent<PatternEventName>) => {
    for (const { key, event, options } of neighbourhoodCopies(handled.type, handled.event)) {
      await handled.publish('pattern-neighbourhoods', key, event, options);
    }
  };
  return runtime
    .exactlyOnce({ groupId: `${groupId}.repartition`, topics: ['patterns'] })
    .on('dev.fieldline.patterns.PatternDetected', copy)
    .on('dev.fieldline.patterns.PatternEvolved', copy);
}

export interface RelateStageOptions {
  readonly groupId: string;
  readonly checkpoints: StageCheckpoints<KeyedCheckpoint<NeighbourhoodSnapshot>>;
  readonly checkpointIntervalMs: number;
  readonly log: RuntimeLog;
}

/**
 * pattern-neighbourhoods -> relationships, exactly once: each neighbourhood (keyed by its anchor
 * region) relates the patterns it sees, its state checkpointed and rebuilt like the detector's.
 */
export function relateStage(runtime: KafkaRuntime, options: RelateStageOptions) {
  const neighbourhoods = new Map<string, Neighbourhood>();
  const sight = (anchor: string, event: PatternDetected | PatternEvolved) => {
    const sighting = sightingOf(event);
    if (!sighting) return [];
    let neighbourhood = neighbourhoods.get(anchor);
    if (!neighbourhood) {
      neighbourhood = new Neighbourhood(anchor);
      neighbourhoods.set(anchor, neighbourhood);
    }
    return neighbourhood.sight(sighting);
  };
  const store = new KeyedCheckpointStore<NeighbourhoodSnapshot>({
    state: {
      snapshot: (anchor) => neighbourhoods.get(anchor)?.snapshot(),
      restore: (anchor, snapshot) =>
        neighbourhoods.set(anchor, new Neighbourhood(anchor, snapshot)),
      forget: (anchor) => neighbourhoods.delete(anchor),
    },
    checkpoints: options.checkpoints,
    replay: (record) => {
      const anchor = (record.key as { regionId?: string } | null)?.regionId;
      if (anchor) sight(anchor, record.event as PatternDetected | PatternEvolved);
      return anchor;
    },
    intervalMs: options.checkpointIntervalMs,
    log: options.log,
  });
  const relate = async (handled: HandledEvent<PatternEventName>) => {
    const anchor = (handled.key as { regionId: string }).regionId;
    store.touched(handled, anchor);
    for (const change of sight(anchor, handled.event)) {
      const { key, event, options: publishOptions } = relationshipEntry(change);
      await handled.publish('relationships', key, event, publishOptions);
    }
  };
  return runtime
    .exactlyOnce({ groupId: options.groupId, topics: ['pattern-neighbourhoods'], state: store })
    .on('dev.fieldline.patterns.PatternDetected', relate)
    .on('dev.fieldline.patterns.PatternEvolved', relate);
}

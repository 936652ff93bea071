import type { PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { foldPattern, type FieldState } from '@fieldline/domain-field-state';
import type { HandledEvent, KafkaRuntime, RuntimeLog } from '@fieldline/platform-kafka';
import {
  KeyedCheckpointStore,
  type KeyedCheckpoint,
  type StageCheckpoints,
} from '@fieldline/platform-postgres';
import { fieldStateEntry, patternFactOf } from './field-state-events';

export interface FieldStateStageOptions {
  readonly groupId: string;
  readonly checkpoints: StageCheckpoints<KeyedCheckpoint<FieldState>>;
  readonly checkpointIntervalMs: number;
  readonly log: RuntimeLog;
}

/**
 * Pattern events in, field-state versions out, exactly once: each region's state is folded in
 * key order, so its versions count up by one, and the fold is rebuilt from a checkpoint and the
 * patterns since after a restart or a rebalance.
 */
export function fieldStateStage(runtime: KafkaRuntime, options: FieldStateStageOptions) {
  const states = new Map<string, FieldState>();
  const fold = (event: PatternDetected | PatternEvolved): FieldState | undefined => {
    const fact = patternFactOf(event);
    if (!fact) return undefined;
    const next = foldPattern(states.get(fact.regionId), fact);
    if (next) states.set(fact.regionId, next);
    return next;
  };
  const store = new KeyedCheckpointStore<FieldState>({
    state: {
      snapshot: (regionId) => states.get(regionId),
      restore: (regionId, state) => states.set(regionId, state),
      forget: (regionId) => states.delete(regionId),
    },
    checkpoints: options.checkpoints,
    replay: (record) => {
      const event = record.event as PatternDetected | PatternEvolved;
      fold(event);
      return event.regionId;
    },
    intervalMs: options.checkpointIntervalMs,
    log: options.log,
  });
  const handle = async (
    handled: HandledEvent<
      'dev.fieldline.patterns.PatternDetected' | 'dev.fieldline.patterns.PatternEvolved'
    >,
  ) => {
    store.touched(handled, handled.event.regionId);
    const next = fold(handled.event);
    if (!next) return;
    const { key, event, options: publishOptions } = fieldStateEntry(next);
    await handled.publish('field-states', key, event, publishOptions);
  };
  return runtime
    .exactlyOnce({ groupId: options.groupId, topics: ['patterns'], state: store })
    .on('dev.fieldline.patterns.PatternDetected', handle)
    .on('dev.fieldline.patterns.PatternEvolved', handle);
}

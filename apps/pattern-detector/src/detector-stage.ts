import type { ObservationRecorded } from '@fieldline/contracts';
import {
  PatternDetector,
  type DetectorSettings,
  type RegionSnapshot,
} from '@fieldline/domain-patterns';
import type { KafkaRuntime, RuntimeLog } from '@fieldline/platform-kafka';
import {
  KeyedCheckpointStore,
  type StageCheckpoints,
  type KeyedCheckpoint,
} from '@fieldline/platform-postgres';
import { patternEntry } from './pattern-events';
import { readingOf } from './readings';

export interface DetectorStageOptions {
  readonly groupId: string;
  readonly checkpoints: StageCheckpoints<KeyedCheckpoint<RegionSnapshot>>;
  readonly checkpointIntervalMs: number;
  readonly concurrentPartitions: number;
  /** What a pattern is (the domain's defaults, unless configured). */
  readonly detection?: DetectorSettings;
  readonly log: RuntimeLog;
}

/**
 * Observations in, pattern changes out, exactly once. The detector's windows per region are
 * checkpointed to PostgreSQL and rebuilt from the checkpoint and the observations since, so a
 * restart or a rebalance changes none of the outputs.
 */
/** Readings of one input partition arrive in order: the detector's stream, with its clock. */
function streamOf({ topic, partition }: { topic: string; partition: number }): string {
  return `${topic}/${partition}`;
}

export function detectorStage(runtime: KafkaRuntime, options: DetectorStageOptions) {
  const detector = new PatternDetector(options.detection);
  const state = new KeyedCheckpointStore<RegionSnapshot>({
    state: {
      snapshot: (regionId) => detector.snapshot(regionId),
      restore: (_regionId, snapshot, partition) =>
        detector.restore(snapshot, streamOf(partition)),
      forget: (regionId) => detector.forget(regionId),
    },
    checkpoints: options.checkpoints,
    replay: (record) => {
      if (record.type !== 'dev.fieldline.observations.ObservationRecorded') return undefined;
      const reading = readingOf(record.event as ObservationRecorded);
      if (reading) detector.observe(reading, streamOf(record));
      return reading?.regionId;
    },
    intervalMs: options.checkpointIntervalMs,
    log: options.log,
  });
  return runtime
    .exactlyOnce({
      groupId: options.groupId,
      topics: ['observations'],
      concurrentPartitions: options.concurrentPartitions,
      state,
    })
    .on('dev.fieldline.observations.ObservationRecorded', async (handled) => {
      const reading = readingOf(handled.event);
      if (!reading) return;
      state.touched(handled, reading.regionId);
      for (const change of detector.observe(reading, streamOf(handled)).changes) {
        const { key, event, options: publishOptions } = patternEntry(change);
        await handled.publish('patterns', key, event, publishOptions);
      }
    });
}

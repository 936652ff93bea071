import { integer } from '@fieldline/shared-config';

/** The pattern detector's own settings, beside every service's (platform-service). */
export const detectorSettings = {
  /** How often each partition's window state is checkpointed to PostgreSQL. */
  checkpointIntervalMs: integer('PATTERN_CHECKPOINT_INTERVAL_MS', { default: 10_000, min: 100 }),
  concurrentPartitions: integer('PATTERN_CONCURRENT_PARTITIONS', { default: 6, min: 1 }),
};

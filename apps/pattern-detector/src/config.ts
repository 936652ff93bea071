import { detectorSettingsWith, type DetectorSettings } from '@fieldline/domain-patterns';
import { integer, pairs, type Setting } from '@fieldline/shared-config';

/** The pattern detector's own settings, beside every service's (platform-service). */
export const detectorSettings = {
  /** How often each partition's window state is checkpointed to PostgreSQL. */
  checkpointIntervalMs: integer('PATTERN_CHECKPOINT_INTERVAL_MS', { default: 10_000, min: 100 }),
  concurrentPartitions: integer('PATTERN_CONCURRENT_PARTITIONS', { default: 6, min: 1 }),
  /** What a pattern is: e.g. PATTERN_DETECTOR_SETTINGS=quietMs=1800000,anomalyZ=2.5. */
  detection: detection('PATTERN_DETECTOR_SETTINGS'),
};

/** Overrides of the domain's DetectorSettings as `name=value` pairs; the defaults without any. */
function detection(variable: string): Setting<DetectorSettings> {
  const overrides = pairs(variable, { default: {} });
  return {
    variable,
    read(raw) {
      const read = overrides.read(raw);
      if ('problem' in read) return read;
      const checked = detectorSettingsWith(read.value);
      return 'problems' in checked
        ? { problem: checked.problems.join('; ') }
        : { value: checked.settings };
    },
  };
}

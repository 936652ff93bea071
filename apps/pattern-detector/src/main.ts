// First: telemetry must be running before http, express and pg load.
import { serviceName } from './instrument';
import type { RegionSnapshot } from '@fieldline/domain-patterns';
import { StageCheckpoints, type KeyedCheckpoint } from '@fieldline/platform-postgres';
import { runService } from '@fieldline/platform-service';
import { detectorSettings } from './config';
import { detectorStage } from './detector-stage';

runService({
  name: serviceName,
  defaultPort: 8081,
  settings: detectorSettings,
  compose: async ({ name, config, runtime, pool, log }) => {
    const groupId = runtime.group(name);
    const checkpoints = new StageCheckpoints<KeyedCheckpoint<RegionSnapshot>>(pool, groupId);
    await checkpoints.ensureSchema();
    const detect = detectorStage(runtime, {
      groupId,
      checkpoints,
      checkpointIntervalMs: config.checkpointIntervalMs,
      concurrentPartitions: config.concurrentPartitions,
      detection: config.detection,
      log,
    });
    return { stages: { detect } };
  },
});

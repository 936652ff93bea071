// First: telemetry must be running before http, express and pg load.
import { serviceName } from './instrument';
import type { NeighbourhoodSnapshot } from '@fieldline/domain-relationships';
import { StageCheckpoints, type KeyedCheckpoint } from '@fieldline/platform-postgres';
import { runService } from '@fieldline/platform-service';
import { relationshipSettings } from './config';
import { relateStage, repartitionStage } from './relationship-stages';

runService({
  name: serviceName,
  defaultPort: 8083,
  settings: relationshipSettings,
  compose: async ({ name, config, runtime, pool, log }) => {
    const groupId = runtime.group(name);
    const checkpoints = new StageCheckpoints<KeyedCheckpoint<NeighbourhoodSnapshot>>(pool, groupId);
    await checkpoints.ensureSchema();
    return {
      stages: {
        repartition: repartitionStage(runtime, groupId),
        relate: relateStage(runtime, {
          groupId,
          checkpoints,
          checkpointIntervalMs: config.checkpointIntervalMs,
          log,
        }),
      },
    };
  },
});

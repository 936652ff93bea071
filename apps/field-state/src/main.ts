// First: telemetry must be running before http, express and pg load.
import { serviceName } from './instrument';
import type { FieldState } from '@fieldline/domain-field-state';
import { StageCheckpoints, type KeyedCheckpoint } from '@fieldline/platform-postgres';
import { runService } from '@fieldline/platform-service';
import { fieldStateSettings } from './config';
import { CurrentStates } from './current-states';
import { fieldStateRoutes } from './field-state-routes';
import { fieldStateStage } from './field-state-stage';

runService({
  name: serviceName,
  defaultPort: 8082,
  settings: fieldStateSettings,
  compose: async ({ name, config, runtime, pool, log }) => {
    const groupId = runtime.group(name);
    const checkpoints = new StageCheckpoints<KeyedCheckpoint<FieldState>>(pool, groupId);
    await checkpoints.ensureSchema();
    const fold = fieldStateStage(runtime, {
      groupId,
      checkpoints,
      checkpointIntervalMs: config.checkpointIntervalMs,
      log,
    });
    const current = new CurrentStates(runtime);
    return { stages: { fold }, parts: [current], routes: [fieldStateRoutes(current)] };
  },
});

import { Router } from 'express';
import { Pool } from 'pg';
import type { FieldState } from '@fieldline/domain-field-state';
import { listen, serviceApp } from '@fieldline/platform-http';
import { KafkaRuntime, stopOnSignals } from '@fieldline/platform-kafka';
import { StageCheckpoints, type KeyedCheckpoint } from '@fieldline/platform-postgres';
import { fieldStateConfig } from './config';
import { CurrentStates } from './current-states';
import { fieldStateRoutes } from './field-state-routes';
import { fieldStateStage } from './field-state-stage';

const app = 'field-state';
const log = (level: 'info' | 'warn' | 'error', message: string, fields: object = {}) =>
  process.stderr.write(`${JSON.stringify({ level, service: app, message, ...fields })}\n`);

async function main(): Promise<void> {
  const config = fieldStateConfig();
  const runtime = new KafkaRuntime({
    app,
    brokers: config.kafkaBrokers,
    schemaRegistryUrl: config.schemaRegistryUrl,
    log,
  });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
  const checkpoints = new StageCheckpoints<KeyedCheckpoint<FieldState>>(pool, app);
  await checkpoints.ensureSchema();
  const stage = fieldStateStage(runtime, {
    groupId: app,
    checkpoints,
    checkpointIntervalMs: config.checkpointIntervalMs,
    log,
  });
  const current = new CurrentStates(runtime);
  await Promise.all([stage.start(), current.start()]);

  const stats = Router().get('/stats', (_request, response) => {
    response.json(stage.stats());
  });
  const http = serviceApp({
    readiness: [
      ...runtime.readiness(),
      { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
    ],
    routes: [fieldStateRoutes(current), stats],
    log: (message, fields) => log('error', message, fields),
  });
  const server = await listen(http, config.port);
  log('info', 'running', { url: server.url });
  stopOnSignals([server, current, runtime, { stop: async () => (await pool.end(), true) }]);
}

main().catch((error: unknown) => {
  log('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});

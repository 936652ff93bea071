import { Router } from 'express';
import { Pool } from 'pg';
import type { NeighbourhoodSnapshot } from '@fieldline/domain-relationships';
import { listen, serviceApp } from '@fieldline/platform-http';
import { KafkaRuntime, stopOnSignals } from '@fieldline/platform-kafka';
import { StageCheckpoints, type KeyedCheckpoint } from '@fieldline/platform-postgres';
import { relationshipConfig } from './config';
import { relateStage, repartitionStage } from './relationship-stages';

const app = 'relationship-detector';
const log = (level: 'info' | 'warn' | 'error', message: string, fields: object = {}) =>
  process.stderr.write(`${JSON.stringify({ level, service: app, message, ...fields })}\n`);

async function main(): Promise<void> {
  const config = relationshipConfig();
  const runtime = new KafkaRuntime({
    app,
    brokers: config.kafkaBrokers,
    schemaRegistryUrl: config.schemaRegistryUrl,
    log,
  });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
  const checkpoints = new StageCheckpoints<KeyedCheckpoint<NeighbourhoodSnapshot>>(pool, app);
  await checkpoints.ensureSchema();
  const repartition = repartitionStage(runtime, app);
  const relate = relateStage(runtime, {
    groupId: app,
    checkpoints,
    checkpointIntervalMs: config.checkpointIntervalMs,
    log,
  });
  await Promise.all([repartition.start(), relate.start()]);

  const stats = Router().get('/stats', (_request, response) => {
    response.json({ repartition: repartition.stats(), relate: relate.stats() });
  });
  const http = serviceApp({
    readiness: [
      ...runtime.readiness(),
      { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
    ],
    routes: [stats],
    log: (message, fields) => log('error', message, fields),
  });
  const server = await listen(http, config.port);
  log('info', 'running', { url: server.url });
  stopOnSignals([server, runtime, { stop: async () => (await pool.end(), true) }]);
}

main().catch((error: unknown) => {
  log('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});

import { Router } from 'express';
import { Pool } from 'pg';
import { PatternDetector } from '@fieldline/domain-patterns';
import { listen, serviceApp } from '@fieldline/platform-http';
import { KafkaRuntime, stopOnSignals } from '@fieldline/platform-kafka';
import { StageCheckpoints } from '@fieldline/platform-postgres';
import { detectorConfig } from './config';
import { DetectorState, type PartitionCheckpoint } from './detector-state';
import { patternEntry } from './pattern-events';

const app = 'pattern-detector';
const log = (level: 'info' | 'warn' | 'error', message: string, fields: object = {}) =>
  process.stderr.write(`${JSON.stringify({ level, service: app, message, ...fields })}\n`);

/**
 * Observations in, pattern changes out, exactly once: the detector's windows are checkpointed
 * to PostgreSQL and rebuilt from the observations since, so a restart or a rebalance changes
 * none of the outputs.
 */
async function main(): Promise<void> {
  const config = detectorConfig();
  const runtime = new KafkaRuntime({
    app,
    brokers: config.kafkaBrokers,
    schemaRegistryUrl: config.schemaRegistryUrl,
    log,
  });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
  const checkpoints = new StageCheckpoints<PartitionCheckpoint>(pool, app);
  await checkpoints.ensureSchema();
  const state = new DetectorState(
    new PatternDetector(),
    checkpoints,
    config.checkpointIntervalMs,
    log,
  );

  const stage = runtime
    .exactlyOnce({
      groupId: app,
      topics: ['observations'],
      concurrentPartitions: config.concurrentPartitions,
      state,
    })
    .on('dev.fieldline.observations.ObservationRecorded', async (handled) => {
      for (const change of state.observe(handled, handled.event)) {
        const { key, event, options } = patternEntry(change);
        await handled.publish('patterns', key, event, options);
      }
    });
  await stage.start();

  const stats = Router().get('/stats', (_request, response) => {
    response.json(stage.stats());
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

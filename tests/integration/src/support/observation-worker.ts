// A consumer service in a child process, for tests that kill or signal it. Every handled
// observation writes one effect row through the idempotency helper.
import { setTimeout as sleep } from 'node:timers/promises';
import { ProcessedEvents } from '@fieldline/platform-postgres';
import { stopOnSignals } from '@fieldline/platform-kafka';
import { testEndpoints } from '@fieldline/testing';
import { Pool } from 'pg';
import { testRuntime } from './runtime';

const groupId = process.env['WORKER_GROUP'] as string;
const effectsTable = process.env['WORKER_EFFECTS_TABLE'] as string;
const handlerDelayMs = Number(process.env['WORKER_HANDLER_DELAY_MS'] ?? 0);
const stopDeadlineMs = Number(process.env['WORKER_STOP_DEADLINE_MS'] ?? 10_000);
const topics = JSON.parse(process.env['WORKER_TOPICS'] as string);

async function main() {
  const pool = new Pool({ connectionString: testEndpoints().databaseUrl, max: 4 });
  const processed = new ProcessedEvents(pool);
  const runtime = testRuntime('observation-worker', topics);
  const consumer = runtime
    .consumer({ groupId, topics: ['observations'], concurrentPartitions: 3 })
    .on('dev.fieldline.observations.ObservationRecorded', async ({ event, partition, offset }) => {
      await processed.once(groupId, event.envelope.eventId, async (client) => {
        await sleep(handlerDelayMs);
        await client.query(
          `INSERT INTO ${effectsTable} (event_id, partition, "offset") VALUES ($1, $2, $3)`,
          [event.envelope.eventId, partition, offset],
        );
      });
    });
  await processed.ensureSchema();
  await consumer.start();
  const service = {
    // Handlers use the pool until the runtime has stopped them.
    stop: async (deadlineMs: number) => {
      const stopped = await runtime.stop(deadlineMs);
      await pool.end();
      return stopped;
    },
  };
  stopOnSignals([service], { deadlineMs: stopDeadlineMs });
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`worker failed: ${String(error)}\n`);
  process.exit(2);
});

// An exactly-once stage in a child process, for tests that kill it: every observation becomes
// one PatternDetected whose causation id is the observation's event id.
import { setTimeout as sleep } from 'node:timers/promises';
import { stopOnSignals } from '@fieldline/platform-kafka';
import { patternFromObservation } from './observations';
import { testRuntime } from './runtime';

const groupId = process.env['WORKER_GROUP'] as string;
const handlerDelayMs = Number(process.env['WORKER_HANDLER_DELAY_MS'] ?? 0);
const topics = JSON.parse(process.env['WORKER_TOPICS'] as string);
const sessionTimeoutMs = Number(process.env['WORKER_SESSION_TIMEOUT_MS'] ?? 30_000);
const concurrentPartitions = Number(process.env['WORKER_CONCURRENT_PARTITIONS'] ?? 3);

async function main() {
  const runtime = testRuntime('exactly-once-worker', topics);
  const stage = runtime
    .exactlyOnce({
      groupId,
      topics: ['observations'],
      maxRecordsPerTransaction: 100,
      concurrentPartitions,
      sessionTimeoutMs,
      heartbeatIntervalMs: Math.min(3_000, sessionTimeoutMs / 5),
    })
    .on('dev.fieldline.observations.ObservationRecorded', async ({ event, publish }) => {
      await sleep(handlerDelayMs);
      await publish(
        'patterns',
        { regionId: event.regionId },
        patternFromObservation(event, 'THRESHOLD_EXCEEDANCE'),
      );
    });
  await stage.start();
  stopOnSignals([runtime], {
    deadlineMs: 10_000,
    exit: (code) => {
      // What the stage did, for the test to read after the worker ended.
      process.stdout.write(`stats ${JSON.stringify(stage.stats())}\n`);
      process.exit(code);
    },
  });
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`worker failed: ${String(error)}\n`);
  process.exit(2);
});

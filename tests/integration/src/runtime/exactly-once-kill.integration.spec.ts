import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';
import { startWorker } from '../support/worker-process';

const regions = Array.from({ length: 24 }, (_, index) => ({ regionId: `r-${index}` }));

describe('an exactly-once stage killed repeatedly mid-stream', () => {
  it('produces each output exactly once as a read_committed reader sees it', async () => {
    const total = 3_000;
    const topics = await freshTopics('observations', 'patterns');
    const seeder = testRuntime('exactly-once-seeder', topics);
    const publisher = seeder.publisher();
    const inputIds: string[] = [];
    for (let start = 0; start < total; start += 500) {
      const entries = Array.from({ length: 500 }, (_, index) => ({
        key: regions[(start + index) % regions.length] as { regionId: string },
        event: observationEvent({ value: (start + index) / total }),
      }));
      const written = await publisher.publishBatch('observations', entries);
      inputIds.push(...written.map((entry) => entry.eventId));
    }
    await seeder.stop();

    const outputsPerInput = new Map<string, number>();
    let outputs = 0;
    const readerRuntime = testRuntime('exactly-once-reader', topics);
    await readerRuntime
      .consumer({ groupId: uniqueName('committed-reader'), topics: ['patterns'] })
      .on('dev.fieldline.patterns.PatternDetected', async ({ event }) => {
        const input = event.envelope.causationId ?? 'none';
        outputsPerInput.set(input, (outputsPerInput.get(input) ?? 0) + 1);
        outputs += 1;
      })
      .start();

    const env = {
      WORKER_TOPICS: JSON.stringify(topics),
      WORKER_GROUP: uniqueName('exactly-once'),
      WORKER_HANDLER_DELAY_MS: '2',
    };
    try {
      for (let kill = 1; kill <= 4; kill += 1) {
        const worker = await startWorker(env, 'exactly-once-worker.ts');
        const before = outputs;
        await waitFor(() => outputs >= before + 250, {
          description: `worker ${kill} to commit 250 outputs`,
          timeoutMs: 120_000,
        });
        // Land the kill at a different point of the open transaction each time.
        await sleep(37 * kill);
        worker.child.kill('SIGKILL');
        expect(await worker.exited).toBe('SIGKILL');
        expect(outputsPerInput.size).toBeLessThan(total);
      }
      const last = await startWorker(env, 'exactly-once-worker.ts');
      await waitFor(() => outputsPerInput.size >= total, {
        description: `outputs for all ${total} inputs (have ${outputsPerInput.size})`,
        timeoutMs: 180_000,
      });
      last.child.kill('SIGTERM');
      expect(await last.exited).toBe(0);
      // Anything the stage committed twice would have reached the reader by now.
      await sleep(3_000);
    } finally {
      await readerRuntime.stop();
    }

    const duplicated = [...outputsPerInput].filter(([, count]) => count !== 1);
    expect(duplicated).toEqual([]);
    expect([...outputsPerInput.keys()].sort()).toEqual([...inputIds].sort());
    expect(outputs).toBe(total);
  }, 420_000);
});

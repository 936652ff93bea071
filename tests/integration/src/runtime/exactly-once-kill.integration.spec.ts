import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueName, waitFor } from '@fieldline/testing';
import { readCommittedOutputs, seedObservations } from '../support/exactly-once-fixture';
import { freshTopics } from '../support/runtime';
import { startWorker } from '../support/worker-process';

describe('an exactly-once stage killed repeatedly mid-stream', () => {
  it('produces each output exactly once as a read_committed reader sees it', async () => {
    const total = 3_000;
    const topics = await freshTopics('observations', 'patterns');
    const inputIds = await seedObservations(topics, total);
    const committed = await readCommittedOutputs(topics);
    const outputsPerInput = committed.perInput;

    const env = {
      WORKER_TOPICS: JSON.stringify(topics),
      WORKER_GROUP: uniqueName('exactly-once'),
      WORKER_HANDLER_DELAY_MS: '2',
    };
    try {
      for (let kill = 1; kill <= 4; kill += 1) {
        const worker = await startWorker(env, 'exactly-once-worker.ts');
        const before = committed.count();
        await waitFor(() => committed.count() >= before + 250, {
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
      await committed.stop();
    }

    const duplicated = [...outputsPerInput].filter(([, count]) => count !== 1);
    expect(duplicated).toEqual([]);
    expect([...outputsPerInput.keys()].sort()).toEqual([...inputIds].sort());
    expect(committed.count()).toBe(total);
  }, 420_000);
});

import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueName, waitFor } from '@fieldline/testing';
import { readCommittedOutputs, seedObservations } from '../support/exactly-once-fixture';
import { freshTopics } from '../support/runtime';
import { startWorker } from '../support/worker-process';

function statsOf(output: string): { fencedOut: number } {
  const line = output.split('\n').find((candidate) => candidate.startsWith('stats '));
  if (!line) throw new Error(`The worker printed no stats:\n${output}`);
  return JSON.parse(line.slice('stats '.length));
}

describe('two exactly-once instances, one of them stalled past its session', () => {
  it('the stalled one gives its partitions up when it wakes, and every output exists once', async () => {
    const total = 3_000;
    const topics = await freshTopics('observations', 'patterns');
    const inputIds = await seedObservations(topics, total);
    const committed = await readCommittedOutputs(topics);
    const outputsPerInput = committed.perInput;

    const env = {
      WORKER_TOPICS: JSON.stringify(topics),
      WORKER_GROUP: uniqueName('stalled'),
      WORKER_HANDLER_DELAY_MS: '30',
      WORKER_SESSION_TIMEOUT_MS: '6000',
      // Every assigned partition at once, so the instance that takes over fences them all
      // within moments instead of one batch after another.
      WORKER_CONCURRENT_PARTITIONS: '12',
    };
    const stalled = await startWorker(env, 'exactly-once-worker.ts');
    const healthy = await startWorker(env, 'exactly-once-worker.ts');
    try {
      await waitFor(() => committed.count() >= 300, {
        description: 'both instances to commit outputs',
        timeoutMs: 120_000,
      });
      // Frozen mid-transaction for twice its session timeout: the group hands its partitions
      // to the other instance, which fences the frozen one's transactional ids.
      const atStall = committed.count();
      stalled.child.kill('SIGSTOP');
      await sleep(12_000);
      const whileStalled = committed.count();
      stalled.child.kill('SIGCONT');
      await waitFor(() => outputsPerInput.size >= total, {
        description: `outputs for all ${total} inputs (have ${outputsPerInput.size})`,
        timeoutMs: 180_000,
      });
      // The other instance took the frozen one's partitions over.
      expect(whileStalled).toBeGreaterThan(atStall);
      stalled.child.kill('SIGTERM');
      healthy.child.kill('SIGTERM');
      expect(await stalled.exited).toBe(0);
      expect(await healthy.exited).toBe(0);
      // Woken up fenced, it held its partitions back instead of fencing the new owner back.
      expect(statsOf(stalled.output()).fencedOut).toBeGreaterThan(0);
      // Anything committed twice would have reached the reader by now.
      await sleep(3_000);
    } finally {
      stalled.child.kill('SIGKILL');
      healthy.child.kill('SIGKILL');
      await committed.stop();
    }

    const duplicated = [...outputsPerInput].filter(([, count]) => count !== 1);
    expect(duplicated).toEqual([]);
    expect([...outputsPerInput.keys()].sort()).toEqual([...inputIds].sort());
    expect(committed.count()).toBe(total);
  }, 420_000);
});

import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';
import { startWorker } from '../support/worker-process';

function statsOf(output: string): { fencedOut: number } {
  const line = output.split('\n').find((candidate) => candidate.startsWith('stats '));
  if (!line) throw new Error(`The worker printed no stats:\n${output}`);
  return JSON.parse(line.slice('stats '.length));
}

const regions = Array.from({ length: 24 }, (_, index) => ({ regionId: `r-${index}` }));

describe('two exactly-once instances, one of them stalled past its session', () => {
  it('the stalled one gives its partitions up when it wakes, and every output exists once', async () => {
    const total = 3_000;
    const topics = await freshTopics('observations', 'patterns');
    const seeder = testRuntime('stalled-seeder', topics);
    const inputIds = (
      await seeder.publisher().publishBatch(
        'observations',
        Array.from({ length: total }, (_, index) => ({
          key: regions[index % regions.length] as { regionId: string },
          event: observationEvent({ value: index / total }),
        })),
      )
    ).map((written) => written.eventId);
    await seeder.stop();

    const outputsPerInput = new Map<string, number>();
    let outputs = 0;
    const readerRuntime = testRuntime('stalled-reader', topics);
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
      await waitFor(() => outputs >= 300, {
        description: 'both instances to commit outputs',
        timeoutMs: 120_000,
      });
      // Frozen mid-transaction for twice its session timeout: the group hands its partitions
      // to the other instance, which fences the frozen one's transactional ids.
      const atStall = outputs;
      stalled.child.kill('SIGSTOP');
      await sleep(12_000);
      const whileStalled = outputs;
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
      await readerRuntime.stop();
    }

    const duplicated = [...outputsPerInput].filter(([, count]) => count !== 1);
    expect(duplicated).toEqual([]);
    expect([...outputsPerInput.keys()].sort()).toEqual([...inputIds].sort());
    expect(outputs).toBe(total);
  }, 420_000);
});

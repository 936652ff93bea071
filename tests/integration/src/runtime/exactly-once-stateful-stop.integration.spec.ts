import { testEndpoints, waitFor } from '@fieldline/testing';
import { Pool } from 'pg';
import { kafkaSession } from '../support/kafka';
import { testRuntime } from '../support/runtime';
import { summingFixture, summingStage } from '../support/summing-stage';

describe('a stateful exactly-once stage that stops', () => {
  const session = kafkaSession('stateful-stop-test');
  const pool = new Pool({ connectionString: testEndpoints().databaseUrl });
  afterAll(async () => {
    await session.close();
    await pool.end();
  });

  it('checkpoints what it committed, so the next owner replays nothing', async () => {
    const { topics, groupId, checkpoints, writer, observe, totals, partition } =
      await summingFixture(session, pool, 'stateful-stop');
    try {
      await observe(1, 2);
      const first = testRuntime('stateful-stop-first', topics);
      try {
        await summingStage(first, groupId, checkpoints).start();
        await waitFor(
          async () => (await checkpoints.load('observations', await partition())) !== undefined,
          {
            description: 'the checkpoint of the first commit',
            timeoutMs: 60_000,
          },
        );
        // Committed, but not checkpointed: the interval is an hour.
        await observe(3, 4);
        expect(await totals(4)).toEqual(['total-1', 'total-3', 'total-6', 'total-10']);
      } finally {
        await first.stop();
      }
      expect(await checkpoints.load('observations', await partition())).toEqual({
        nextOffset: '4',
        state: { entries: [['r-02-02', { total: 10 }]] },
      });

      const replayed: string[] = [];
      const second = testRuntime('stateful-stop-second', topics);
      try {
        await summingStage(second, groupId, checkpoints, {
          onReplay: (offset) => replayed.push(offset),
        }).start();
        await observe(5);
        expect(await totals(5)).toEqual(['total-1', 'total-3', 'total-6', 'total-10', 'total-15']);
        expect(replayed).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      await writer.stop();
    }
  });
});

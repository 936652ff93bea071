import { kafkajsBroker } from '@fieldline/platform-kafka';
import { testEndpoints, uniqueName, waitFor } from '@fieldline/testing';
import { Pool } from 'pg';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';
import { startWorker } from '../support/worker-process';

const regions = Array.from({ length: 24 }, (_, index) => ({ regionId: `r-${index}` }));

describe('a consumer service killed or stopped while it works', () => {
  const pool = new Pool({ connectionString: testEndpoints().databaseUrl });
  afterAll(() => pool.end());

  async function seed(total: number) {
    const topics = await freshTopics('observations');
    const runtime = testRuntime('crash-test-seeder', topics);
    const publisher = runtime.publisher();
    for (let start = 0; start < total; start += 500) {
      await publisher.publishBatch(
        'observations',
        Array.from({ length: Math.min(500, total - start) }, (_, index) => ({
          key: regions[(start + index) % regions.length] as { regionId: string },
          event: observationEvent({ value: start + index }),
        })),
      );
    }
    await runtime.stop();
    const effectsTable = uniqueName('effects').replace(/-/g, '_');
    await pool.query(
      `CREATE TABLE ${effectsTable} (event_id text, partition int, "offset" bigint)`,
    );
    return { topics, effectsTable };
  }

  const count = async (sql: string) => Number((await pool.query(sql)).rows[0].count);

  it('handles every record exactly once in effect after SIGKILL in the middle of a batch', async () => {
    const total = 3_000;
    const { topics, effectsTable } = await seed(total);
    const env = {
      WORKER_TOPICS: JSON.stringify(topics),
      WORKER_GROUP: uniqueName('killed'),
      WORKER_EFFECTS_TABLE: effectsTable,
      WORKER_HANDLER_DELAY_MS: '2',
    };
    const first = await startWorker(env);
    await waitFor(async () => (await count(`SELECT count(*) FROM ${effectsTable}`)) >= 500, {
      description: 'the first worker to handle 500 records',
      timeoutMs: 120_000,
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const handledBeforeKill = await count(`SELECT count(*) FROM ${effectsTable}`);
    expect(handledBeforeKill).toBeLessThan(total);

    const second = await startWorker(env);
    try {
      await waitFor(
        async () => (await count(`SELECT count(DISTINCT event_id) FROM ${effectsTable}`)) >= total,
        {
          description: `all ${total} records handled after the restart`,
          timeoutMs: 180_000,
        },
      );
      // Records after the last commit were delivered again; the helper kept their effect single.
      expect(await count(`SELECT count(*) FROM ${effectsTable}`)).toBe(total);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('exits 0 on SIGTERM under load, with every finished record committed', async () => {
    const total = 5_000;
    const { topics, effectsTable } = await seed(total);
    const groupId = uniqueName('stopped');
    const worker = await startWorker({
      WORKER_TOPICS: JSON.stringify(topics),
      WORKER_GROUP: groupId,
      WORKER_EFFECTS_TABLE: effectsTable,
      WORKER_HANDLER_DELAY_MS: '5',
      WORKER_STOP_DEADLINE_MS: '15000',
    });
    await waitFor(async () => (await count(`SELECT count(*) FROM ${effectsTable}`)) >= 300, {
      description: 'the worker to be busy',
      timeoutMs: 120_000,
    });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('stopped cleanly');

    const handled = await count(`SELECT count(*) FROM ${effectsTable}`);
    expect(handled).toBeLessThan(total);
    const admin = kafkajsBroker({
      brokers: testEndpoints().kafkaBrokers,
      clientId: 'crash-test',
    }).admin();
    await admin.connect();
    try {
      const committed = await admin.committedOffsets(groupId, topics.observations as string);
      const { rows } = await pool.query<{ partition: number; next: string }>(
        `SELECT partition, max("offset") + 1 AS next FROM ${effectsTable} GROUP BY partition`,
      );
      // Every partition's committed position is exactly one past its last handled record.
      for (const { partition, next } of rows) {
        expect({
          partition,
          committed: committed.find((entry) => entry.partition === partition)?.offset,
        }).toEqual({
          partition,
          committed: String(next),
        });
      }
    } finally {
      await admin.disconnect();
    }
  });
});

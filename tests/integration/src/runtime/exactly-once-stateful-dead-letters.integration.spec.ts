import { FieldlineError } from '@fieldline/shared-errors';
import { deadLetterTopicName, type KafkaRuntime } from '@fieldline/platform-kafka';
import {
  KeyedCheckpointStore,
  StageCheckpoints,
  type KeyedCheckpoint,
} from '@fieldline/platform-postgres';
import { testEndpoints, uniqueName, waitFor } from '@fieldline/testing';
import { Pool } from 'pg';
import { kafkaSession } from '../support/kafka';
import { observationEvent } from '../support/observations';
import { patternIdsOn, patternSizedBy } from '../support/oversized-outputs';
import { freshTopics, testRuntime } from '../support/runtime';

type Sum = { readonly total: number };

/**
 * A stateful exactly-once stage: a running total of observation values per region, published
 * as a pattern named by the total after each observation. `poison` makes the handler fail after
 * it has added the value, as a handler that changes state and then cannot publish would.
 */
function summingStage(
  runtime: KafkaRuntime,
  groupId: string,
  checkpoints: StageCheckpoints<KeyedCheckpoint<Sum>>,
  poison?: number,
) {
  const totals = new Map<string, number>();
  const state = new KeyedCheckpointStore<Sum>({
    state: {
      snapshot: (region) => ({ total: totals.get(region) ?? 0 }),
      restore: (region, snapshot) => totals.set(region, snapshot.total),
      forget: (region) => totals.delete(region),
    },
    checkpoints,
    replay: (record) => {
      const { regionId, value } = record.event as { regionId: string; value: number };
      totals.set(regionId, (totals.get(regionId) ?? 0) + value);
      return regionId;
    },
    // Checkpointed at the first commit and after each rebuild; the rest is replayed.
    intervalMs: 3_600_000,
    log: () => undefined,
  });
  return runtime
    .exactlyOnce({ groupId, topics: ['observations'], state })
    .on('dev.fieldline.observations.ObservationRecorded', async (handled) => {
      const { regionId, value } = handled.event;
      state.touched(handled, regionId);
      const total = (totals.get(regionId) ?? 0) + value;
      totals.set(regionId, total);
      if (value === poison) throw new FieldlineError('PERMANENT_FAILURE', `poisoned by ${value}`);
      await handled.publish(
        'patterns',
        { regionId },
        {
          ...patternSizedBy(regionId, 0),
          patternId: `total-${total}`,
        },
      );
    });
}

describe('a stateful exactly-once stage that dead-letters a record', () => {
  const session = kafkaSession('stateful-dead-letters-test');
  const pool = new Pool({ connectionString: testEndpoints().databaseUrl });
  afterAll(async () => {
    await session.close();
    await pool.end();
  });

  it('leaves the record out of its state, after a restart too, and handles it as new when redriven', async () => {
    const topics = await freshTopics('observations', 'patterns');
    const groupId = uniqueName('stateful-dlq');
    const checkpoints = new StageCheckpoints<KeyedCheckpoint<Sum>>(pool, groupId);
    await checkpoints.ensureSchema();
    const writer = testRuntime('stateful-dlq-writer', topics);
    const region = { regionId: 'r-02-02' };
    const observe = (...values: number[]) =>
      writer.publisher().publishBatch(
        'observations',
        values.map((value) => ({ key: region, event: observationEvent({ value }) })),
      );
    const totals = (count: number) =>
      patternIdsOn(session, writer.serde, topics.patterns as string, count);
    await observe(1, 2);
    const [peeked] = await session.consumeAll(topics.observations as string, uniqueName('peek'), 1);
    const partition = peeked?.partition ?? 0;

    try {
      const first = testRuntime('stateful-dlq-first', topics);
      try {
        await summingStage(first, groupId, checkpoints, 13).start();
        // The first commit is checkpointed (as of offset 1 or 2); the ones after it are not.
        await waitFor(
          async () => (await checkpoints.load('observations', partition)) !== undefined,
          {
            description: 'a checkpoint before the record that fails',
            timeoutMs: 60_000,
          },
        );
        await observe(13, 3);
        // 13 changed the total before its handler failed; the total after it does not have it.
        expect(await totals(3)).toEqual(['total-1', 'total-3', 'total-6']);
      } finally {
        await first.stop();
      }

      // Restarted with its checkpoints lost (a database restored from an older backup): the
      // state is rebuilt from the start of the log, whose replay passes 13 again.
      await observe(4);
      const lost = new StageCheckpoints<KeyedCheckpoint<Sum>>(pool, uniqueName('lost'));
      await lost.ensureSchema();
      const second = testRuntime('stateful-dlq-second', topics);
      try {
        await summingStage(second, groupId, lost).start();
        expect(await totals(4)).toEqual(['total-1', 'total-3', 'total-6', 'total-10']);

        const letters = await second
          .deadLetters()
          .redrive(deadLetterTopicName(topics.observations as string, groupId), () => true);
        expect(letters.map((letter) => letter.sourceOffset)).toEqual(['2']);
        expect(await totals(5)).toEqual(['total-1', 'total-3', 'total-6', 'total-10', 'total-23']);
      } finally {
        await second.stop();
      }
    } finally {
      await writer.stop();
    }
  });
});

import { deadLetterTopicName } from '@fieldline/platform-kafka';
import { StageCheckpoints, type KeyedCheckpoint } from '@fieldline/platform-postgres';
import { testEndpoints, uniqueName, waitFor } from '@fieldline/testing';
import { Pool } from 'pg';
import { kafkaSession } from '../support/kafka';
import { testRuntime } from '../support/runtime';
import { summingFixture, summingStage, type Sum } from '../support/summing-stage';

describe('a stateful exactly-once stage that dead-letters a record', () => {
  const session = kafkaSession('stateful-dead-letters-test');
  const pool = new Pool({ connectionString: testEndpoints().databaseUrl });
  afterAll(async () => {
    await session.close();
    await pool.end();
  });

  it('leaves the record out of its state, after a restart too, and handles it as new when redriven', async () => {
    const {
      topics,
      groupId,
      checkpoints,
      writer,
      observe,
      totals,
      partition: partitionOf,
    } = await summingFixture(session, pool, 'stateful-dlq');
    await observe(1, 2);
    const partition = await partitionOf();

    try {
      const first = testRuntime('stateful-dlq-first', topics);
      try {
        await summingStage(first, groupId, checkpoints, { poison: 13 }).start();
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

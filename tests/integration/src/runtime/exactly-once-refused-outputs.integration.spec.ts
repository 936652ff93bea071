import { deadLetterTopicName } from '@fieldline/platform-kafka';
import { uniqueName, waitFor } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';
import { observationEvent } from '../support/observations';
import { limitBatchSize, patternIdsOn, patternSizedBy } from '../support/oversized-outputs';
import { freshTopics, testRuntime } from '../support/runtime';

describe('an exactly-once stage whose outputs Kafka refuses', () => {
  const session = kafkaSession('exactly-once-refused-test');
  afterAll(() => session.close());

  it('dead-letters the record at fault and commits every other output exactly once', async () => {
    const topics = await freshTopics('observations', 'patterns');
    // The output topic takes record batches of at most 4 KB. Outputs of 150–152 fit one by one
    // but not together in one transaction's request; the output of 600 never fits.
    await limitBatchSize(await session.admin(), topics.patterns as string, 4_096);
    const runtime = testRuntime('exactly-once-refused', topics);
    const groupId = uniqueName('exactly-once-refused');
    const region = { regionId: 'r-04-04' };
    const values = [1, 2, 600, 3, 150, 151, 152, 4];
    await runtime.publisher().publishBatch(
      'observations',
      values.map((value) => ({ key: region, event: observationEvent({ value }) })),
    );
    const stage = runtime
      // One transaction for the batch, however slow the machine: 150–152 must share a request.
      .exactlyOnce({ groupId, topics: ['observations'], maxTransactionMs: 60_000 })
      .on('dev.fieldline.observations.ObservationRecorded', async ({ event, publish }) => {
        await publish('patterns', region, patternSizedBy(region.regionId, event.value));
      });
    await stage.start();
    try {
      // The stage's counts include the records of transactions that aborted.
      await waitFor(() => stage.stats().deadLettered > 0, {
        description: 'the record at fault dead-lettered',
        timeoutMs: 90_000,
      });
      // A read_committed reader sees each output once, in order, and nothing of the record at fault.
      const patternIds = await patternIdsOn(session, runtime.serde, topics.patterns as string, 7);
      expect(patternIds).toEqual([1, 2, 3, 150, 151, 152, 4].map((value) => `pattern-${value}`));

      const letters = await runtime
        .deadLetters()
        .list(deadLetterTopicName(topics.observations as string, groupId));
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        errorType: 'PUBLISH_REJECTED',
        errorMessage: expect.stringContaining('MESSAGE_TOO_LARGE'),
        sourceOffset: '2',
      });
    } finally {
      await runtime.stop();
    }
  });
});

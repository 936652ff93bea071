import { FieldlineError } from '@fieldline/shared-errors';
import type { BatchEntry } from '@fieldline/platform-kafka';
import { uniqueName } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';
import { observationEvent } from '../support/observations';
import { limitBatchSize } from '../support/oversized-outputs';
import { freshTopics, testRuntime } from '../support/runtime';

describe('publishEach: a batch of events, each written or failed on its own', () => {
  const session = kafkaSession('publish-each-test');
  afterAll(() => session.close());

  it('writes every valid event and fails alone the one that is invalid and the one Kafka refuses', async () => {
    const topics = await freshTopics('observations');
    // The broker refuses record batches over 4 KB on this topic.
    await limitBatchSize(await session.admin(), topics.observations as string, 4_096);
    const runtime = testRuntime('publish-each-test', topics);
    try {
      const eventOf = (index: number): BatchEntry<'observations'>['event'] => {
        // Not a metric the schema knows: the Avro encoding refuses it.
        if (index === 4) return { ...observationEvent(), metric: 'NOT_A_METRIC' as never };
        // About 6 KB of attributes: more than the topic takes in one batch.
        if (index === 9) return observationEvent({ attributes: { note: 'x'.repeat(6_000) } });
        return observationEvent({ value: index });
      };
      const entries: BatchEntry<'observations'>[] = Array.from({ length: 12 }, (_, index) => ({
        key: { regionId: `r-${index % 4}` },
        event: eventOf(index),
        options: { eventId: `each-${index}` },
      }));

      const { published, failures } = await runtime
        .publisher()
        .publishEach('observations', entries);

      expect(failures.map(({ index }) => index)).toEqual([4, 9]);
      expect(failures[0]?.error).toBeInstanceOf(FieldlineError);
      expect(failures[0]?.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('metric'),
      });
      expect(failures[1]?.error).toMatchObject({
        code: 'PUBLISH_REJECTED',
        message: expect.stringMatching(/MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/),
      });
      const written = entries.flatMap((_, index) => (index === 4 || index === 9 ? [] : [index]));
      expect(published.map((event) => event?.eventId)).toEqual(
        entries.map((_, index) => (written.includes(index) ? `each-${index}` : undefined)),
      );

      // Exactly the events reported written are on the topic, each once.
      const onTopic = await session.consumeAll(
        topics.observations as string,
        uniqueName('publish-each-reader'),
        written.length,
      );
      const ids = onTopic.map(({ message }) => message.headers?.['fieldline-event-id']?.toString());
      expect(ids.sort()).toEqual(written.map((index) => `each-${index}`).sort());
    } finally {
      await runtime.stop();
    }
  });
});

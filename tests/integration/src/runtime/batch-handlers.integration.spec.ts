import type { ObservationRecorded, PatternDetected } from '@fieldline/contracts';
import { deadLetterTopicName } from '@fieldline/platform-kafka';
import { FieldlineError } from '@fieldline/shared-errors';
import { uniqueName, waitFor } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';
import { observationEvent, patternFromObservation } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

describe('batch handlers', () => {
  const session = kafkaSession('batch-handlers-test');
  afterAll(() => session.close());

  it('hand a partition its events in batches, dead-letter a poison event alone, write only what succeeded, and commit', async () => {
    const topics = await freshTopics('observations', 'patterns');
    const runtime = testRuntime('batch-handler-test', topics);
    const groupId = uniqueName('batch-group');
    const region = { regionId: 'r-05-05' };
    const published = await runtime.publisher().publishBatch(
      'observations',
      Array.from({ length: 30 }, (_, value) => ({
        key: region,
        event: observationEvent({ value, source: value === 12 ? 'broken-station' : 'station-1' }),
      })),
    );

    const callSizes: number[] = [];
    const handled: ObservationRecorded[] = [];
    const startConsumer = () =>
      runtime
        .consumer({
          groupId,
          topics: ['observations'],
          retry: { attemptsInProcess: 1, retryTopicDelaysMs: [] },
        })
        .onBatch(
          'dev.fieldline.observations.ObservationRecorded',
          async (events) => {
            callSizes.push(events.length);
            const succeeded: ObservationRecorded[] = [];
            for (const { event, publish } of events) {
              // Published before a later event of the same call fails: never written then.
              await publish('patterns', region, patternFromObservation(event, 'ANOMALY'));
              if (event.source === 'broken-station') {
                throw new FieldlineError(
                  'PERMANENT_FAILURE',
                  'broken-station readings are out of range',
                );
              }
              succeeded.push(event);
            }
            handled.push(...succeeded);
          },
          { maxBatchSize: 8 },
        );

    try {
      const consumer = startConsumer();
      await consumer.start();
      try {
        await waitFor(
          () => consumer.stats().handled === 29 && consumer.stats().deadLettered === 1,
          {
            description: `29 handled and 1 dead-lettered (have ${JSON.stringify(consumer.stats())})`,
            timeoutMs: 60_000,
          },
        );
        expect(Math.max(...callSizes)).toBeGreaterThan(1);
        expect(Math.max(...callSizes)).toBeLessThanOrEqual(8);
        const expectedValues = Array.from({ length: 30 }, (_, value) => value).filter(
          (v) => v !== 12,
        );
        expect(handled.map((event) => event.value)).toEqual(expectedValues);

        const letters = await runtime
          .deadLetters()
          .list(deadLetterTopicName(topics.observations as string, groupId));
        expect(letters).toHaveLength(1);
        expect(letters[0]).toMatchObject({
          errorType: 'PERMANENT_FAILURE',
          eventId: published[12]?.eventId,
          attempts: 1,
        });

        // One pattern per handled event, none from the attempt that failed, each naming the
        // event it was published for as its cause.
        // Outputs are durable before their event's offset is marked, so all are there by now.
        const all = await session.consumeAll(topics.patterns as string, uniqueName('peek'), 29);
        const patterns = await Promise.all(
          all.map(async ({ message, partition }) => {
            const decoded = await runtime.serde.decode<PatternDetected>(message.value, {
              topic: topics.patterns as string,
              partition,
              offset: message.offset,
            });
            return decoded.value;
          }),
        );
        const handledIds = handled.map((event) => event.envelope.eventId);
        expect(patterns.map((pattern) => pattern.evidenceIds[0]).sort()).toEqual(
          [...handledIds].sort(),
        );
        for (const pattern of patterns) {
          expect(pattern.envelope.causationId).toBe(pattern.evidenceIds[0]);
          expect(pattern.envelope.correlationId).toBe(pattern.evidenceIds[0]);
        }
      } finally {
        await consumer.stop();
      }

      // The group's offsets were committed: a new member of it reads only what came after.
      const later = await runtime
        .publisher()
        .publish('observations', region, observationEvent({ value: 30 }));
      const restarted = startConsumer();
      await restarted.start();
      try {
        await waitFor(() => restarted.stats().handled === 1, {
          description: `the one new event handled (have ${JSON.stringify(restarted.stats())})`,
          timeoutMs: 60_000,
        });
        expect(handled.at(-1)?.envelope.eventId).toBe(later.eventId);
        expect(handled).toHaveLength(30);
      } finally {
        await restarted.stop();
      }
    } finally {
      await runtime.stop();
    }
  });
});

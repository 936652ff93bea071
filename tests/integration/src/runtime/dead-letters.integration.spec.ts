import { FieldlineError } from '@fieldline/shared-errors';
import { deadLetterTopicName, eventHeaders, failureHeaders } from '@fieldline/platform-kafka';
import { uniqueName, waitFor } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';
import { limitBatchSize, patternIdsOn, patternSizedBy } from '../support/oversized-outputs';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

describe('failed records: retries, the dead-letter topic and redrive', () => {
  const session = kafkaSession('dead-letters-test');
  afterAll(() => session.close());

  it('dead-letters a poison record and a rejected event with their history, keeps the partition flowing, and redrives a fixed one', async () => {
    const topics = await freshTopics('observations');
    const runtime = testRuntime('dlq-test', topics);
    const groupId = uniqueName('dlq-group');
    const publisher = runtime.publisher();
    const region = { regionId: 'r-01-01' };

    const before = await publisher.publishBatch(
      'observations',
      Array.from({ length: 10 }, (_, index) => ({
        key: region,
        event: observationEvent({ value: index }),
      })),
    );
    const rejected = await publisher.publish(
      'observations',
      region,
      observationEvent({ source: 'broken-station', value: 10 }),
    );
    // A record no Avro reader can decode, on the same partition as the events around it.
    const raw = await session.producer();
    const [sameKey] = await session.consumeAll(
      topics.observations as string,
      uniqueName('peek'),
      1,
    );
    await raw.send({
      topic: topics.observations as string,
      messages: [
        {
          key: sameKey?.message.key ?? null,
          value: Buffer.from('definitely not avro'),
          partition: sameKey?.partition,
        },
      ],
    });
    const after = await publisher.publishBatch(
      'observations',
      Array.from({ length: 10 }, (_, index) => ({
        key: region,
        event: observationEvent({ value: 11 + index }),
      })),
    );

    let stationFixed = false;
    const handledValues: number[] = [];
    const handledIds: string[] = [];
    const consumer = runtime
      .consumer({
        groupId,
        topics: ['observations'],
        retry: { attemptsInProcess: 1, retryTopicDelaysMs: [] },
      })
      .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
        if (event.source === 'broken-station' && !stationFixed) {
          throw new FieldlineError('PERMANENT_FAILURE', 'broken-station readings are out of range');
        }
        handledValues.push(event.value);
        handledIds.push(event.envelope.eventId);
      });
    await consumer.start();
    try {
      await waitFor(() => consumer.stats().handled === 20 && consumer.stats().deadLettered === 2, {
        description: `20 handled and 2 dead-lettered (have ${JSON.stringify(consumer.stats())})`,
        timeoutMs: 60_000,
      });
      expect(handledValues).toEqual([
        ...Array.from({ length: 10 }, (_, i) => i),
        ...Array.from({ length: 10 }, (_, i) => 11 + i),
      ]);
      expect(handledIds).toEqual([...before, ...after].map((published) => published.eventId));

      const dlqTopic = deadLetterTopicName(topics.observations as string, groupId);
      const letters = await runtime.deadLetters().list(dlqTopic);
      expect(letters).toHaveLength(2);
      const [rejectedLetter, poisonLetter] = letters;
      expect(rejectedLetter).toMatchObject({
        sourceTopic: topics.observations,
        sourcePartition: sameKey?.partition,
        consumerGroup: groupId,
        errorType: 'PERMANENT_FAILURE',
        errorMessage: 'broken-station readings are out of range',
        attempts: 1,
        eventId: rejected.eventId,
        eventType: 'dev.fieldline.observations.ObservationRecorded',
        decoded: { value: expect.objectContaining({ source: 'broken-station' }) },
      });
      expect(rejectedLetter?.record.headers[eventHeaders.eventId]).toBe(rejected.eventId);
      expect(Number(rejectedLetter?.record.headers[failureHeaders.firstFailureAt])).toBeGreaterThan(
        Date.now() - 120_000,
      );
      expect(poisonLetter).toMatchObject({
        errorType: 'DECODE_FAILED',
        decoded: { error: expect.stringContaining('magic byte') },
      });
      expect(poisonLetter?.record.value?.toString()).toBe('definitely not avro');
      expect(Number(poisonLetter?.sourceOffset)).toBeGreaterThan(
        Number(rejectedLetter?.sourceOffset),
      );

      stationFixed = true;
      const redriven = await runtime
        .deadLetters()
        .redrive(dlqTopic, (letter) => letter.errorType === 'PERMANENT_FAILURE');
      expect(redriven).toHaveLength(1);
      await waitFor(() => handledIds.includes(rejected.eventId), {
        description: 'the redriven event handled',
        timeoutMs: 60_000,
      });
    } finally {
      await runtime.stop();
    }
  });

  it('dead-letters a record whose output Kafka refuses, or that is over the record size limit, and writes the others', async () => {
    const topics = await freshTopics('observations', 'patterns');
    // The output topic takes record batches of at most 4 KB: the broker refuses larger ones.
    await limitBatchSize(await session.admin(), topics.patterns as string, 4_096);
    const runtime = testRuntime('refused-output-test', topics, { maxRecordBytes: 16_384 });
    const groupId = uniqueName('refused-group');
    const region = { regionId: 'r-03-03' };
    const sizes = [1, 2, 600, 3, 2_000, 4];
    await runtime.publisher().publishBatch(
      'observations',
      sizes.map((value) => ({ key: region, event: observationEvent({ value }) })),
    );
    const consumer = runtime
      .consumer({ groupId, topics: ['observations'] })
      .on('dev.fieldline.observations.ObservationRecorded', async ({ event, publish }) => {
        await publish('patterns', region, patternSizedBy(region.regionId, event.value));
      });
    await consumer.start();
    try {
      await waitFor(() => consumer.stats().handled === 4 && consumer.stats().deadLettered === 2, {
        description: `4 handled and 2 dead-lettered (have ${JSON.stringify(consumer.stats())})`,
        timeoutMs: 60_000,
      });
      const patternIds = await patternIdsOn(session, runtime.serde, topics.patterns as string, 4);
      expect(patternIds).toEqual(['pattern-1', 'pattern-2', 'pattern-3', 'pattern-4']);

      const letters = await runtime
        .deadLetters()
        .list(deadLetterTopicName(topics.observations as string, groupId));
      expect(letters).toHaveLength(2);
      // The broker's refusal is known only once the write comes back, so its letter may follow
      // the other one.
      const letterOf = (value: number) =>
        letters.find(
          (letter) => (letter.decoded as { value?: { value: number } }).value?.value === value,
        );
      expect(letterOf(600)).toMatchObject({
        errorType: 'PUBLISH_REJECTED',
        errorMessage: expect.stringContaining('MESSAGE_TOO_LARGE'),
        sourceOffset: '2',
      });
      expect(letterOf(2_000)).toMatchObject({
        errorType: 'PUBLISH_REJECTED',
        errorMessage: expect.stringContaining('over the 16384-byte limit of one record'),
        sourceOffset: '4',
      });
    } finally {
      await runtime.stop();
    }
  });

  it('retries a transient failure in process, then through a retry topic after its delay', async () => {
    const topics = await freshTopics('observations');
    const runtime = testRuntime('retry-test', topics);
    const publisher = runtime.publisher();
    const attempts: number[] = [];
    const attemptTimes: number[] = [];
    const consumer = runtime
      .consumer({
        groupId: uniqueName('retry-group'),
        topics: ['observations'],
        retry: {
          attemptsInProcess: 2,
          baseDelayMs: 10,
          maxDelayMs: 20,
          retryTopicDelaysMs: [2_000],
        },
      })
      .on('dev.fieldline.observations.ObservationRecorded', async ({ attempt }) => {
        attempts.push(attempt);
        attemptTimes.push(Date.now());
        if (attempt < 3)
          throw new FieldlineError('TRANSIENT_FAILURE', 'the database is restarting');
      });
    await consumer.start();
    try {
      await publisher.publish('observations', { regionId: 'r-02-02' }, observationEvent());
      await waitFor(() => consumer.stats().handled === 1, {
        description: 'the event handled',
        timeoutMs: 60_000,
      });
      expect(attempts).toEqual([1, 2, 3]);
      expect(consumer.stats().retriedLater).toBe(1);
      // The third attempt came from the retry topic, no earlier than its delay.
      expect((attemptTimes[2] as number) - (attemptTimes[1] as number)).toBeGreaterThanOrEqual(
        1_900,
      );
    } finally {
      await runtime.stop();
    }
  });
});

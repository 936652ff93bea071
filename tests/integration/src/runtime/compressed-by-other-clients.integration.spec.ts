import { uniqueName, waitFor } from '@fieldline/testing';
import { produceWithJavaClient, type RawRecord } from '../support/java-producer';
import { kafkaSession } from '../support/kafka';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

const count = 200;

describe('records compressed by another client', () => {
  it.each(['snappy', 'lz4', 'zstd', 'gzip'] as const)(
    'decodes events the Java client wrote with %s',
    async (codec) => {
      // Real event records (registry-framed Avro, identity headers) written by this runtime...
      const source = await freshTopics('observations');
      const writer = testRuntime('compression-source', source);
      const published = await writer.publisher().publishBatch(
        'observations',
        Array.from({ length: count }, (_, index) => ({
          key: { regionId: `r-${index % 7}` },
          event: observationEvent({ value: index }),
        })),
      );
      await writer.stop();
      const session = kafkaSession('compression-test');
      let raw: RawRecord[];
      try {
        const messages = await session.consumeAll(
          source.observations as string,
          uniqueName('raw-copy'),
          count,
        );
        raw = messages.map(({ message }) => ({
          key: message.key as Buffer,
          value: message.value as Buffer,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [
              name,
              Buffer.from(value as Buffer),
            ]),
          ),
        }));
      } finally {
        await session.close();
      }

      // ...copied byte for byte by the Java client, compressed with the codec under test.
      const target = await freshTopics('observations');
      produceWithJavaClient(target.observations as string, codec, raw);

      const received = new Map<string, number>();
      const reader = testRuntime('compression-reader', target);
      const runner = reader
        .consumer({ groupId: uniqueName(`read-${codec}`), topics: ['observations'] })
        .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
          received.set(event.envelope.eventId, event.value);
        });
      try {
        await runner.start();
        await waitFor(() => received.size >= count, {
          description: `${count} ${codec} records decoded (have ${received.size})`,
          timeoutMs: 60_000,
        });
        expect(runner.stats()).toMatchObject({ handled: count, deadLettered: 0 });
      } finally {
        await reader.stop();
      }
      expect([...received.keys()].sort()).toEqual(published.map((entry) => entry.eventId).sort());
    },
  );
});

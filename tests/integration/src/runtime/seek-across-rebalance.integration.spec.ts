import {
  kafkajsBroker,
  RebalanceSignal,
  type ConsumerPort,
  type ConsumerSettings,
} from '@fieldline/platform-kafka';
import { testEndpoints, uniqueName, waitFor } from '@fieldline/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaSession } from '../support/kafka';

/**
 * The runtime rewinds a partition (seeks back to a record) when a failure was not the record's
 * own. If the group rebalances before that seek is used, the partition may have another owner
 * that handles and commits past it; when the partition comes back, reading must go on from the
 * committed offset, not from the old seek.
 */
describe('a rewind that a rebalance overtakes', () => {
  it('is forgotten: the partition comes back at its committed offset, with no redelivery', async () => {
    const topic = uniqueName('seek-rebalance');
    const groupId = uniqueName('seek-rebalance');
    const session = kafkaSession('seek-rebalance-test');
    const consumers: ConsumerPort[] = [];
    try {
      await session.createTopic(topic, 1);
      const producer = await session.producer();
      const write = (from: number, count: number) =>
        producer.send({
          topic,
          messages: Array.from({ length: count }, (_, index) => ({
            value: String(from + index),
          })),
        });
      await write(0, 10);

      const received = { first: [] as number[], second: [] as number[] };
      let firstRewound = false;
      // The round-robin assignor gives the single partition to the member id that sorts first:
      // the client ids make that the second member, so the partition changes hands.
      const member = (clientId: string) => {
        const consumer = kafkajsBroker({
          brokers: testEndpoints().kafkaBrokers,
          clientId,
        }).consumer(settings(clientId, groupId));
        consumers.push(consumer);
        return consumer;
      };

      const first = member('seek-rebalance-2-first');
      await first.connect();
      await first.subscribe([topic]);
      await first.run(async (batch, control) => {
        if (firstRewound) {
          for (const record of batch.records) {
            received.first.push(Number(record.offset));
            control.markHandled(record.offset);
          }
          await control.commit();
          return;
        }
        // Offsets 0-4 are handled and committed; offset 5 meets an outage: rewind to it and
        // back off, during which the group rebalances.
        for (const record of batch.records.slice(0, 5)) {
          received.first.push(Number(record.offset));
          control.markHandled(record.offset);
        }
        await control.commit();
        control.seek('5');
        firstRewound = true;
        for (;;) {
          await sleep(100);
          try {
            await control.heartbeat();
          } catch (error) {
            if (error instanceof RebalanceSignal) throw error;
          }
        }
      });
      await waitFor(() => firstRewound, { description: 'the first member rewound to offset 5' });

      const second = member('seek-rebalance-1-second');
      await second.connect();
      await second.subscribe([topic]);
      await second.run(async (batch, control) => {
        for (const record of batch.records) {
          received.second.push(Number(record.offset));
          control.markHandled(record.offset);
        }
        await control.commit();
      });
      await waitFor(() => received.second.includes(9), {
        description: `the second member took the partition over (has ${received.second})`,
        timeoutMs: 60_000,
      });
      await write(10, 10);
      await waitFor(() => received.second.includes(19), {
        description: `the second member handled offsets up to 19 (has ${received.second})`,
      });

      // The partition goes back to the first member, whose seek to offset 5 is long stale.
      await second.stop();
      await write(20, 5);
      await waitFor(() => received.first.includes(24), {
        description: `the first member took the partition back (has ${received.first})`,
        timeoutMs: 60_000,
      });

      expect(received.first).toEqual([0, 1, 2, 3, 4, 20, 21, 22, 23, 24]);
      expect(received.second).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    } finally {
      for (const consumer of consumers) {
        await consumer.stop().catch(() => undefined);
        await consumer.disconnect().catch(() => undefined);
      }
      await session.close();
    }
  }, 120_000);
});

function settings(clientId: string, groupId: string): ConsumerSettings {
  return {
    clientId,
    groupId,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 100,
    rebalanceTimeoutMs: 20_000,
    concurrentPartitions: 1,
    maxBytesPerPartition: 1_048_576,
    readCommitted: false,
    fromBeginning: true,
    autoCommit: true,
  };
}

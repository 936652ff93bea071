import type { ConsumerRunner } from '@fieldline/platform-kafka';
import { provisionTopics } from '@fieldline/platform-kafka';
import { uniqueName, waitFor } from '@fieldline/testing';
import { freshTopic } from '../support/fresh-topic';
import { kafkaSession } from '../support/kafka';
import { observationEvent } from '../support/observations';
import { testRuntime } from '../support/runtime';

const total = 100_000;
const keys = 240;

describe('a consumer group whose members come and go while records flow', () => {
  it('loses no record and keeps the order per key across 12 partitions', async () => {
    const spec = { ...freshTopic('observations'), partitions: 12 };
    const session = kafkaSession('membership-test');
    try {
      await provisionTopics(await session.runtimeAdmin(), [spec]);
    } finally {
      await session.close();
    }
    const topics = { observations: spec.name };
    const groupId = uniqueName('members');

    // Per key, the sequence numbers in the order handlers saw them (redeliveries included).
    const seen = new Map<string, number[]>();
    let handled = 0;
    const members = new Map<
      string,
      { stop: () => Promise<boolean>; runner: ConsumerRunner<'observations'> }
    >();
    const addMember = async (name: string) => {
      const runtime = testRuntime(`member-${name}`, topics);
      const runner = runtime
        .consumer({ groupId, topics: ['observations'], concurrentPartitions: 4 })
        .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
          const sequence = seen.get(event.regionId) ?? [];
          sequence.push(event.value);
          seen.set(event.regionId, sequence);
          handled += 1;
        });
      await runner.start();
      members.set(name, { stop: () => runtime.stop(20_000), runner });
    };
    const removeMember = async (name: string) => {
      const member = members.get(name);
      members.delete(name);
      expect(await member?.stop()).toBe(true);
    };
    const handledAtLeast = (count: number) =>
      waitFor(() => handled >= count, {
        description: `${count} records handled (have ${handled})`,
        timeoutMs: 180_000,
      });

    const producer = testRuntime('membership-producer', topics);
    const publisher = producer.publisher({ lingerMs: 10 });
    let publishedAll = false;
    const publishing = (async () => {
      for (let start = 0; start < total; start += 2_000) {
        await publisher.publishBatch(
          'observations',
          Array.from({ length: 2_000 }, (_, index) => {
            const sequence = start + index;
            const regionId = `r-${sequence % keys}`;
            return { key: { regionId }, event: observationEvent({ regionId, value: sequence }) };
          }),
        );
      }
      publishedAll = true;
    })();

    try {
      await Promise.all(['a', 'b', 'c'].map(addMember));
      await handledAtLeast(15_000);
      // The group changes while records are still being written.
      expect(publishedAll).toBe(false);
      await addMember('d');
      await handledAtLeast(35_000);
      await removeMember('a');
      await handledAtLeast(55_000);
      await addMember('e');
      await removeMember('b');
      await handledAtLeast(75_000);
      await removeMember('c');
      await publishing;
      await waitFor(() => new Set([...seen.values()].flat()).size >= total, {
        description: `all ${total} records handled`,
        timeoutMs: 180_000,
      });
      const rebalances = [...members.values()].map(({ runner }) => runner.stats().rebalances);
      expect(Math.max(...rebalances)).toBeGreaterThan(0);
    } finally {
      await Promise.all([...members.keys()].map(removeMember));
      await producer.stop();
    }

    expect(seen.size).toBe(keys);
    for (const [regionId, sequence] of seen) {
      // A rebalance may deliver a record again; what counts is the order of first deliveries.
      const firstDeliveries = [...new Set(sequence)];
      const key = Number(regionId.slice(2));
      const expected = [];
      for (let sequence = key; sequence < total; sequence += keys) expected.push(sequence);
      expect({ regionId, order: firstDeliveries }).toEqual({ regionId, order: expected });
    }
  }, 600_000);
});

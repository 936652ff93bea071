import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { testEndpoints, uniqueName } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';

const readingSchema = {
  type: 'record',
  name: 'StackReading',
  namespace: 'dev.fieldline.test',
  fields: [
    { name: 'region', type: 'string' },
    { name: 'sequence', type: 'int' },
    { name: 'value', type: 'double' },
  ],
};

interface Reading {
  region: string;
  sequence: number;
  value: number;
}

describe('the local stack carries Avro records end to end', () => {
  const session = kafkaSession('produce-consume-test');
  const registry = new SchemaRegistry({ host: testEndpoints().schemaRegistryUrl });
  afterAll(() => session.close());

  it('delivers 10,000 Avro records back decoded, in order per key', async () => {
    const topic = uniqueName('stack-readings');
    await session.createTopic(topic, 3);

    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(readingSchema) },
      { subject: `${topic}-value` },
    );

    const regions = Array.from({ length: 40 }, (_, index) => `region-${index}`);
    const total = 10_000;
    const records: Reading[] = Array.from({ length: total }, (_, index) => ({
      region: regions[index % regions.length] as string,
      sequence: Math.floor(index / regions.length),
      value: index / 10,
    }));

    const producer = await session.producer();
    for (let offset = 0; offset < total; offset += 1000) {
      const batch = records.slice(offset, offset + 1000);
      const messages = await Promise.all(
        batch.map(async (reading) => ({
          key: reading.region,
          value: await registry.encode(id, reading),
        })),
      );
      await producer.send({ topic, acks: -1, messages });
    }

    const received = await session.consumeAll(topic, uniqueName('readers'), total);
    expect(received).toHaveLength(total);

    const lastSequence = new Map<string, number>();
    const partitionOfKey = new Map<string, number>();
    for (const { message, partition } of received) {
      const reading = (await registry.decode(message.value as Buffer)) as Reading;
      expect(message.key?.toString()).toBe(reading.region);
      expect(reading.sequence).toBe((lastSequence.get(reading.region) ?? -1) + 1);
      lastSequence.set(reading.region, reading.sequence);
      expect(partitionOfKey.get(reading.region) ?? partition).toBe(partition);
      partitionOfKey.set(reading.region, partition);
    }
    expect(lastSequence.size).toBe(regions.length);
    expect(
      [...lastSequence.values()].every((sequence) => sequence === total / regions.length - 1),
    ).toBe(true);
  });
});

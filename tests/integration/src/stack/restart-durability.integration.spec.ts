import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { createStack, silentProgress } from '@fieldline/stack';
import { testEndpoints, uniqueName } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';

const eventSchema = {
  type: 'record',
  name: 'DurableEvent',
  namespace: 'dev.fieldline.test',
  fields: [
    { name: 'n', type: 'int' },
    { name: 'note', type: 'string' },
  ],
};

describe('topics, records and schema ids survive a restart of the broker and the registry', () => {
  const stack = createStack({ progress: silentProgress });
  const topic = uniqueName('durable');
  const subject = `${topic}-value`;
  const total = 500;

  it('keeps everything written before the restart', async () => {
    const before = kafkaSession('restart-before');
    const registry = new SchemaRegistry({ host: testEndpoints().schemaRegistryUrl });
    await before.createTopic(topic, 3);
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(eventSchema) },
      { subject },
    );
    const producer = await before.producer();
    const messages = await Promise.all(
      Array.from({ length: total }, async (_, n) => ({
        key: `k${n % 7}`,
        value: await registry.encode(id, { n, note: `event ${n}` }),
      })),
    );
    await producer.send({ topic, acks: -1, messages });
    await before.close();

    await stack.restart('kafka');
    await stack.restart('registry');

    const after = kafkaSession('restart-after');
    try {
      const freshRegistry = new SchemaRegistry({ host: testEndpoints().schemaRegistryUrl });
      expect(await freshRegistry.getLatestSchemaId(subject)).toBe(id);
      const stored = (await (
        await fetch(`${testEndpoints().schemaRegistryUrl}/schemas/ids/${id}`)
      ).json()) as {
        schema: string;
      };
      expect(JSON.parse(stored.schema)).toMatchObject({
        name: 'DurableEvent',
        fields: eventSchema.fields,
      });

      const topics = await (await after.admin()).listTopics();
      expect(topics).toContain(topic);

      const received = await after.consumeAll(topic, uniqueName('after-restart'), total);
      const decoded = await Promise.all(
        received.map(
          async ({ message }) =>
            (await freshRegistry.decode(message.value as Buffer)) as { n: number },
        ),
      );
      expect(new Set(decoded.map((event) => event.n)).size).toBe(total);
    } finally {
      await after.close();
    }
  });
});

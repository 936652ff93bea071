import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type EachMessagePayload,
  type Producer,
} from 'kafkajs';
import { kafkajsBroker, type AdminPort } from '@fieldline/platform-kafka';
import { createCleanup, testEndpoints, waitFor } from '@fieldline/testing';

/** A kafkajs client on the local stack whose admin, producers and consumers close after the suite. */
export function kafkaSession(clientId: string) {
  const kafka = new Kafka({
    clientId,
    brokers: testEndpoints().kafkaBrokers,
    logLevel: logLevel.ERROR,
    retry: { retries: 10, initialRetryTime: 200 },
  });
  const cleanup = createCleanup();

  const admin = async (): Promise<Admin> => {
    const client = kafka.admin();
    await client.connect();
    cleanup.add(() => client.disconnect());
    return client;
  };

  /** The runtime's own admin port, as provisioning uses it. */
  const runtimeAdmin = async (): Promise<AdminPort> => {
    const client = kafkajsBroker({ brokers: testEndpoints().kafkaBrokers, clientId }).admin();
    await client.connect();
    cleanup.add(() => client.disconnect());
    return client;
  };

  /** Creates a plain topic (no catalog settings) and returns once the broker knows its leaders. */
  const createTopic = async (topic: string, partitions: number): Promise<void> => {
    const client = await runtimeAdmin();
    await client.createTopics([{ name: topic, partitions, replicationFactor: 1, config: {} }]);
  };

  const producer = async (): Promise<Producer> => {
    const client = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await client.connect();
    cleanup.add(() => client.disconnect());
    return client;
  };

  const consumer = async (groupId: string): Promise<Consumer> => {
    const client = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await client.connect();
    cleanup.add(() => client.disconnect());
    return client;
  };

  /** Consumes `topic` from the beginning until `count` messages arrived; returns them in arrival order. */
  const consumeAll = async (topic: string, groupId: string, count: number, timeoutMs = 60_000) => {
    const client = await consumer(groupId);
    const received: EachMessagePayload[] = [];
    await client.subscribe({ topic, fromBeginning: true });
    await client.run({
      eachMessage: async (payload) => {
        received.push(payload);
      },
    });
    await waitFor(() => received.length >= count, {
      description: `${count} messages consumed from ${topic} (have ${received.length})`,
      timeoutMs,
    });
    await client.stop();
    return received;
  };

  return {
    kafka,
    admin,
    runtimeAdmin,
    createTopic,
    producer,
    consumer,
    consumeAll,
    close: () => cleanup.run(),
  };
}

export type KafkaSession = ReturnType<typeof kafkaSession>;

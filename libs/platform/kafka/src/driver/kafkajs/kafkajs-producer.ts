import type { Kafka, Producer } from 'kafkajs';
import type {
  OutgoingRecord,
  PartitionOffset,
  ProducerPort,
  ProducerSettings,
  TransactionalProducerPort,
  TransactionPort,
  WrittenRecord,
} from '../../port/broker-port';
import { translated } from './kafkajs-errors';
import { compressionTypes, topicMessages } from './kafkajs-records';
import { retriesWithin } from './retry-budget';

function createProducer(
  kafka: Kafka,
  settings: ProducerSettings,
  transactionalId?: string,
): Producer {
  return kafka.producer({
    idempotent: true,
    transactionalId,
    // One request in flight per broker keeps records of a partition in send order through retries.
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: retriesWithin(settings.deliveryTimeoutMs),
  });
}

export function kafkajsProducer(kafka: Kafka, settings: ProducerSettings): ProducerPort {
  const producer = createProducer(kafka, settings);
  const compression = compressionTypes[settings.compression];
  return {
    connect: () => translated('Could not connect the producer', () => producer.connect()),
    send: (records: readonly OutgoingRecord[]): Promise<WrittenRecord[]> =>
      translated(`Could not write ${records.length} record(s)`, async () => {
        const written = await producer.sendBatch({
          acks: -1,
          compression,
          topicMessages: topicMessages(records),
        });
        return written.map((entry) => ({
          topic: entry.topicName,
          partition: entry.partition,
          baseOffset: entry.baseOffset ?? entry.offset ?? '-1',
        }));
      }),
    disconnect: () => producer.disconnect(),
  };
}

export function kafkajsTransactionalProducer(
  kafka: Kafka,
  settings: ProducerSettings & { readonly transactionalId: string },
): TransactionalProducerPort {
  const producer = createProducer(kafka, settings, settings.transactionalId);
  const compression = compressionTypes[settings.compression];
  return {
    connect: () =>
      translated('Could not connect the transactional producer', () => producer.connect()),
    async begin(): Promise<TransactionPort> {
      const transaction = await producer.transaction();
      return {
        send: (records) =>
          translated('Could not write records in the transaction', async () => {
            await transaction.sendBatch({
              acks: -1,
              compression,
              topicMessages: topicMessages(records),
            });
          }),
        sendOffsets: (groupId: string, offsets: readonly PartitionOffset[]) =>
          translated('Could not add offsets to the transaction', () =>
            transaction.sendOffsets({ consumerGroupId: groupId, topics: offsetsByTopic(offsets) }),
          ),
        commit: () => translated('Could not commit the transaction', () => transaction.commit()),
        abort: () => translated('Could not abort the transaction', () => transaction.abort()),
      };
    },
    disconnect: () => producer.disconnect(),
  };
}

function offsetsByTopic(offsets: readonly PartitionOffset[]) {
  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const { topic, partition, offset } of offsets) {
    const partitions = byTopic.get(topic) ?? [];
    partitions.push({ partition, offset });
    byTopic.set(topic, partitions);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

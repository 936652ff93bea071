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
import { RenewingProducer } from './renewing-producer';
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
  const producer = new RenewingProducer(() => createProducer(kafka, settings));
  const compression = compressionTypes[settings.compression];
  return {
    connect: () =>
      translated('Could not connect the producer', async () => {
        producer.reopen();
        await producer.connected();
      }),
    send: (records: readonly OutgoingRecord[]): Promise<WrittenRecord[]> => {
      const request = topicMessages(records);
      return translated(
        `Could not write ${records.length} record(s)`,
        () =>
          producer.use(async (current) => {
            const written = await current.sendBatch({
              acks: -1,
              compression,
              topicMessages: request.topicMessages,
            });
            return written.map((entry) => ({
              topic: entry.topicName,
              partition: entry.partition,
              baseOffset: entry.baseOffset ?? entry.offset ?? '-1',
            }));
          }),
        request.messages,
      );
    },
    disconnect: () => producer.disconnect(),
  };
}

export function kafkajsTransactionalProducer(
  kafka: Kafka,
  settings: ProducerSettings & { readonly transactionalId: string },
): TransactionalProducerPort {
  const producer = new RenewingProducer(() =>
    createProducer(kafka, settings, settings.transactionalId),
  );
  const compression = compressionTypes[settings.compression];
  return {
    // kafkajs registers the transactional id (InitProducerId, which bumps its epoch and so
    // fences any other holder) only at the first transaction; an empty one does it now.
    connect: () =>
      translated('Could not connect the transactional producer', () => {
        producer.reopen();
        return producer.use(async (current) => {
          await (await current.transaction()).abort();
        });
      }),
    begin: () =>
      translated('Could not begin a transaction', () =>
        producer.use(async (current) => {
          const transaction = await current.transaction();
          // A failed step retires the producer: its successor's new epoch aborts the transaction.
          const step = <T>(what: string, work: () => Promise<T>, sent?: readonly object[]) =>
            translated(
              what,
              async () => {
                try {
                  return await work();
                } catch (error) {
                  producer.retire(current);
                  throw error;
                }
              },
              sent,
            );
          const port: TransactionPort = {
            send: (records) => {
              const request = topicMessages(records);
              return step(
                'Could not write records in the transaction',
                async () => {
                  await transaction.sendBatch({
                    acks: -1,
                    compression,
                    topicMessages: request.topicMessages,
                  });
                },
                request.messages,
              );
            },
            // Right after a commit the coordinator may answer the next transaction's first
            // AddPartitionsToTxn or AddOffsetsToTxn with CONCURRENT_TRANSACTIONS; the patched
            // kafkajs sends it again shortly (patches/README.md).
            sendOffsets: (groupId: string, offsets: readonly PartitionOffset[]) =>
              step('Could not add offsets to the transaction', () =>
                transaction.sendOffsets({
                  consumerGroupId: groupId,
                  topics: offsetsByTopic(offsets),
                }),
              ),
            commit: () => step('Could not commit the transaction', () => transaction.commit()),
            abort: () => step('Could not abort the transaction', () => transaction.abort()),
          };
          return port;
        }),
      ),
    disconnect: () => producer.disconnect(),
  };
}

function offsetsByTopic(offsets: readonly PartitionOffset[]) {
  // kafkajs' types leave it out, but it commits each partition's `metadata` (TxnOffsetCommit).
  const byTopic = new Map<string, { partition: number; offset: string; metadata?: string }[]>();
  for (const { topic, partition, offset, metadata } of offsets) {
    const partitions = byTopic.get(topic) ?? [];
    partitions.push(
      metadata === undefined ? { partition, offset } : { partition, offset, metadata },
    );
    byTopic.set(topic, partitions);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

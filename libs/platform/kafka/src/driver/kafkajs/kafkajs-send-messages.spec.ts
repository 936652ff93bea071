// How kafkajs sends one batch to several partitions when the broker refuses some of them;
// patches/kafkajs+2.2.4.patch changes it. Driven against a broker and cluster in memory.
const createSendMessages = require('kafkajs/src/producer/sendMessages') as (
  options: object,
) => (request: object) => Promise<unknown>;
const createRetry = require('kafkajs/src/retry') as (options: object) => unknown;
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode(code: number): Error & Record<string, unknown>;
};

const ignore = () => undefined;
const notLeader = 6; // retriable: kafkajs sends the request again
const messageTooLarge = 10; // not retriable

interface SentMessage {
  readonly value: string;
  readonly partition: number;
}

/** A producer's sendMessages on one broker that answers the first request with `answer`. */
function sendingTo(answer: { code: number; partition: number }) {
  const sequences = new Map<number, number>();
  const sent: string[] = [];
  let requests = 0;
  const broker = {
    nodeId: 1,
    produce: async ({ topicData }: { topicData: SentTopicData[] }) => {
      requests += 1;
      for (const { partitions } of topicData) {
        for (const entry of partitions) {
          sent.push(
            `request ${requests}: p${entry.partition} from sequence ${entry.firstSequence}`,
          );
        }
      }
      if (requests === 1) {
        const error = createErrorFromCode(answer.code);
        error['partitionErrors'] = [
          { topic: 't', partition: answer.partition, errorCode: answer.code },
        ];
        throw error;
      }
      return {
        topics: topicData.map(({ topic, partitions }) => ({
          topicName: topic,
          partitions: partitions.map(({ partition }) => ({
            partition,
            errorCode: 0,
            baseOffset: '0',
          })),
        })),
      };
    },
  };
  const send = createSendMessages({
    logger: { debug: ignore, error: ignore, info: ignore, warn: ignore },
    cluster: {
      addMultipleTargetTopics: async () => undefined,
      refreshMetadataIfNecessary: async () => undefined,
      refreshMetadata: async () => undefined,
      isConnected: () => true,
      findTopicPartitionMetadata: () => [
        { partitionId: 0, leader: 1 },
        { partitionId: 1, leader: 1 },
      ],
      findLeaderForPartitions: (_topic: string, partitions: number[]) => ({ 1: partitions }),
      findBroker: async () => broker,
    },
    partitioner: ({ message }: { message: SentMessage }) => message.partition,
    eosManager: {
      isTransactional: () => false,
      acquireBrokerLock: async () => undefined,
      releaseBrokerLock: async () => undefined,
      // kafkajs names partitions here as the keys of an object: strings.
      getSequence: (_topic: string, partition: string) => sequences.get(Number(partition)) ?? 0,
      updateSequence: (_topic: string, partition: string, by: number) =>
        sequences.set(Number(partition), (sequences.get(Number(partition)) ?? 0) + by),
      getProducerId: () => 1,
      getProducerEpoch: () => 0,
      getTransactionalId: () => undefined,
    },
    retrier: createRetry({ retries: 2, initialRetryTime: 1 }),
  });
  const messages: SentMessage[] = [
    { value: 'a', partition: 0 },
    { value: 'b', partition: 1 },
  ];
  return {
    sent,
    sequences,
    messages,
    send: () => send({ acks: -1, topicMessages: [{ topic: 't', messages }] }),
  };
}

interface SentTopicData {
  readonly topic: string;
  readonly partitions: { partition: number; firstSequence: number; messages: SentMessage[] }[];
}

describe('kafkajs sending to partitions the broker answers differently (patched)', () => {
  it('sends a request it retries again whole, with the same sequence numbers', async () => {
    const producer = sendingTo({ code: notLeader, partition: 1 });
    await producer.send();
    // Partition 0 was written by the first request: sent again from the same sequence, the
    // broker recognises it as a duplicate instead of writing it twice.
    expect(producer.sent).toEqual([
      'request 1: p0 from sequence 0',
      'request 1: p1 from sequence 0',
      'request 2: p0 from sequence 0',
      'request 2: p1 from sequence 0',
    ]);
  });

  it('names only what a refused partition held as unwritten, and keeps the others written', async () => {
    const producer = sendingTo({ code: messageTooLarge, partition: 1 });
    const failure = (await producer.send().catch((error: unknown) => error)) as {
      unwrittenMessages?: SentMessage[];
    };
    expect(failure.unwrittenMessages).toEqual([producer.messages[1]]);
    // Partition 0's batch was written: its next one follows on; partition 1's takes its number back.
    expect(producer.sequences).toEqual(
      new Map([
        [0, 1],
        [1, 0],
      ]),
    );
  });
});

// kafkajs' transaction manager as patched (patches/kafkajs+2.2.4.patch): the transaction and
// group coordinators are looked up once and kept until a request to one fails, instead of a
// FindCoordinator request before every step of every transaction. Driven against a cluster in
// memory that counts what it is asked.
const createEosManager = require('kafkajs/src/producer/eosManager') as (options: object) => {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  addPartitionsToTransaction(topicData: object[]): Promise<void>;
  sendOffsets(offsets: object): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
};
const protocolErrors = require('kafkajs/src/protocol/error') as {
  createErrorFromCode(code: number): Error;
};

const notCoordinator = 16;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };

/** A one-broker cluster whose coordinator answers `failNext` once with the error given. */
function countingCluster() {
  const asked = { findCoordinator: 0, requests: [] as string[] };
  let failNext: string | undefined;
  const request = (name: string) => async () => {
    asked.requests.push(name);
    if (failNext === name) {
      failNext = undefined;
      throw protocolErrors.createErrorFromCode(notCoordinator);
    }
    return name === 'initProducerId' ? { producerId: 7, producerEpoch: 0 } : {};
  };
  const broker = {
    nodeId: 1,
    initProducerId: request('initProducerId'),
    addPartitionsToTxn: request('addPartitionsToTxn'),
    addOffsetsToTxn: request('addOffsetsToTxn'),
    txnOffsetCommit: request('txnOffsetCommit'),
    endTxn: request('endTxn'),
  };
  const cluster = {
    retry: { retries: 0 },
    refreshMetadataIfNecessary: async () => undefined,
    findGroupCoordinator: async () => {
      asked.findCoordinator += 1;
      return broker;
    },
    findBroker: async ({ nodeId }: { nodeId: number }) => {
      if (nodeId !== 1) throw new Error(`no broker ${nodeId}`);
      return broker;
    },
  };
  return { cluster, asked, failOnce: (name: string) => (failNext = name) };
}

async function transactionWithOffsets(eos: ReturnType<typeof createEosManager>) {
  eos.beginTransaction();
  await eos.addPartitionsToTransaction([{ topic: 'patterns', partitions: [{ partition: 0 }] }]);
  await eos.sendOffsets({
    consumerGroupId: 'detector',
    topics: [{ topic: 'observations', partitions: [{ partition: 0, offset: '10' }] }],
  });
  await eos.commit();
}

describe("kafkajs' transaction coordinators, as patched", () => {
  it('finds each coordinator once for many transactions', async () => {
    const { cluster, asked } = countingCluster();
    const eos = createEosManager({
      logger: silent,
      cluster,
      transactional: true,
      transactionalId: 'detector.observations.0',
    });
    await eos.initProducerId();
    for (let transaction = 0; transaction < 5; transaction++) await transactionWithOffsets(eos);
    // The transaction coordinator and the group's coordinator: two lookups, not 3 per transaction.
    expect(asked.findCoordinator).toBe(2);
    expect(asked.requests.filter((name) => name === 'endTxn')).toHaveLength(5);
  });

  it('looks the coordinators up again after a request to one of them failed', async () => {
    const { cluster, asked, failOnce } = countingCluster();
    const eos = createEosManager({
      logger: silent,
      cluster,
      transactional: true,
      transactionalId: 'detector.observations.0',
    });
    await eos.initProducerId();
    await transactionWithOffsets(eos);
    const before = asked.findCoordinator;
    const partitions = [{ topic: 'patterns', partitions: [{ partition: 1 }] }];
    eos.beginTransaction();
    failOnce('addPartitionsToTxn');
    await expect(eos.addPartitionsToTransaction(partitions)).rejects.toThrow();
    await eos.addPartitionsToTransaction(partitions);
    await eos.commit();
    expect(asked.findCoordinator).toBe(before + 1);
  });
});

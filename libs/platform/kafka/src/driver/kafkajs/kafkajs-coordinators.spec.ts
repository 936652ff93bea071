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
const authorizationFailed = 53;
const concurrentTransactions = 51;
const coordinatorLoading = 14;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };

/** A one-broker cluster whose coordinator answers a request with an error when told to. */
function countingCluster() {
  const asked = { findCoordinator: 0, requests: [] as string[] };
  let failNext: { name: string; code: number; times: number } | undefined;
  const request = (name: string) => async () => {
    asked.requests.push(name);
    if (failNext?.name === name && failNext.times > 0) {
      failNext.times -= 1;
      throw protocolErrors.createErrorFromCode(failNext.code);
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
    retry: { retries: 2, initialRetryTime: 1, maxRetryTime: 5 },
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
  return {
    cluster,
    asked,
    fail: (name: string, code = notCoordinator, times = 1) => (failNext = { name, code, times }),
  };
}

/** A transaction manager on a counting cluster, with its producer id. */
async function initialised() {
  const { cluster, asked, fail } = countingCluster();
  const eos = createEosManager({
    logger: silent,
    cluster,
    transactional: true,
    transactionalId: 'detector.observations.0',
  });
  await eos.initProducerId();
  return { eos, asked, fail };
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
    const { eos, asked } = await initialised();
    for (let transaction = 0; transaction < 5; transaction++) await transactionWithOffsets(eos);
    // The transaction coordinator and the group's coordinator: two lookups, not 3 per transaction.
    expect(asked.findCoordinator).toBe(2);
    expect(asked.requests.filter((name) => name === 'endTxn')).toHaveLength(5);
  });

  it('looks the coordinators up again after a request to one of them failed', async () => {
    const { eos, asked, fail } = await initialised();
    await transactionWithOffsets(eos);
    const before = asked.findCoordinator;
    const partitions = [{ topic: 'patterns', partitions: [{ partition: 1 }] }];
    eos.beginTransaction();
    fail('addPartitionsToTxn', authorizationFailed);
    await expect(eos.addPartitionsToTransaction(partitions)).rejects.toThrow();
    await eos.addPartitionsToTransaction(partitions);
    await eos.commit();
    expect(asked.findCoordinator).toBe(before + 1);
  });

  it.each(['addOffsetsToTxn', 'txnOffsetCommit', 'endTxn'])(
    'sends %s again to the coordinator found anew when the one it knew is no longer it',
    async (step) => {
      const { eos, asked, fail } = await initialised();
      await transactionWithOffsets(eos);
      const before = asked.findCoordinator;
      fail(step, notCoordinator);
      await transactionWithOffsets(eos);
      expect(asked.findCoordinator).toBeGreaterThan(before);
      expect(asked.requests.filter((name) => name === step)).toHaveLength(3);
    },
  );

  it.each(['addPartitionsToTxn', 'addOffsetsToTxn'])(
    'sends %s again shortly while the previous transaction completes, finding no coordinator again',
    async (step) => {
      const { eos, asked, fail } = await initialised();
      await transactionWithOffsets(eos);
      const lookups = asked.findCoordinator;
      fail(step, concurrentTransactions, 3);
      const startedAt = Date.now();
      await transactionWithOffsets(eos);
      // 20, 40 and 60 ms: well under the producer retry's 300 ms and more per attempt.
      expect(Date.now() - startedAt).toBeLessThan(1_000);
      expect(asked.requests.filter((name) => name === step)).toHaveLength(2 + 3);
      expect(asked.findCoordinator).toBe(lookups);
    },
  );

  it('sends txnOffsetCommit again while the group coordinator is still loading its groups', async () => {
    const { eos, asked, fail } = await initialised();
    await transactionWithOffsets(eos);
    fail('txnOffsetCommit', coordinatorLoading);
    await transactionWithOffsets(eos);
    expect(asked.requests.filter((name) => name === 'txnOffsetCommit')).toHaveLength(3);
  });
});

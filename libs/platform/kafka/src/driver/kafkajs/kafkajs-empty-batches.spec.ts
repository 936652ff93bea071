// A fetch returns every partition the member reads from that broker, most of them empty at low
// rates (a runtime consumer also reads its retry topics). As patched (patches/kafkajs+2.2.4.patch),
// kafkajs hands a worker only the batches that have records, or whose records were all filtered
// out (their offsets must still move); an empty fetch still heartbeats.
import { fetchedBatch as batchOf, fetchedMessage as message } from './kafkajs-protocol';

const Runner = require('kafkajs/src/consumer/runner') as {
  prototype: { fetch(this: object, nodeId: number): Promise<unknown[]> };
};

function fetchWith(batches: unknown[]) {
  const heartbeats: number[] = [];
  const runner = {
    running: true,
    consumerGroup: { fetch: async () => batches },
    instrumentationEmitter: { emit: () => undefined },
    heartbeat: async () => void heartbeats.push(Date.now()),
    logger: { debug: () => undefined },
  };
  return { fetched: Runner.prototype.fetch.call(runner, 1), heartbeats };
}

describe("kafkajs' fetch, as patched", () => {
  it('passes on batches with records and batches emptied by filtering, not empty partitions', async () => {
    const withRecords = batchOf(0, '5', [message('5'), message('6')]);
    const onlyAControlRecord = batchOf(1, '9', [message('9', true)]);
    const compactedAway = batchOf(2, '20', [message('12')]);
    const empty = [3, 4, 5].map((partition) => batchOf(partition, '0', []));
    const { fetched, heartbeats } = fetchWith([
      empty[0],
      withRecords,
      empty[1],
      onlyAControlRecord,
      compactedAway,
      empty[2],
    ]);
    expect(await fetched).toEqual([withRecords, onlyAControlRecord, compactedAway]);
    expect(heartbeats).toHaveLength(0);
  });

  it('heartbeats once when every partition came back empty', async () => {
    const { fetched, heartbeats } = fetchWith([0, 1, 2].map((p) => batchOf(p, '3', [])));
    expect(await fetched).toEqual([]);
    expect(heartbeats).toHaveLength(1);
  });
});

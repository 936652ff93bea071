import { FieldlineError } from '@fieldline/shared-errors';
import {
  RecordsRefused,
  type OutgoingRecord,
  type ProducerPort,
  type WrittenRecord,
} from '../port/broker-port';
import { RecordBatcher } from './record-batcher';

/** A producer whose requests complete when the test says so. */
function manualProducer() {
  const requests: { values: string[]; finish: (error?: Error) => void }[] = [];
  const port: ProducerPort = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: (records: readonly OutgoingRecord[]) =>
      new Promise<WrittenRecord[]>((resolve, reject) => {
        requests.push({
          values: records.map((record) => String(record.value)),
          finish: (error) => (error ? reject(error) : resolve([])),
        });
      }),
  };
  return { port, requests };
}

const record = (value: string, bytes = 10): OutgoingRecord => ({
  topic: 'observations',
  key: Buffer.alloc(0),
  value: Object.assign(Buffer.alloc(bytes), { toString: () => value }),
  headers: {},
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RecordBatcher', () => {
  it('sends what arrives while a request is in flight as one next request, in order', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 0, batchBytes: 1_000 });
    const first = batcher.add(record('a'));
    const later = ['b', 'c', 'd'].map((value) => batcher.add(record(value)));
    await settle();
    expect(requests.map((request) => request.values)).toEqual([['a']]);
    requests[0]?.finish();
    await first;
    await settle();
    expect(requests.map((request) => request.values)).toEqual([['a'], ['b', 'c', 'd']]);
    requests[1]?.finish();
    await Promise.all(later);
  });

  it('holds records for the linger time, then sends them together', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 20, batchBytes: 1_000 });
    void batcher.add(record('a'));
    void batcher.add(record('b'));
    await settle();
    expect(requests).toHaveLength(0);
    for (let waited = 0; requests.length === 0 && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(requests.map((request) => request.values)).toEqual([['a', 'b']]);
  });

  it('caps a request at batchBytes and sends the rest next', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 25 });
    const all = ['a', 'b', 'c'].map((value) => batcher.add(record(value, 10)));
    void batcher.flush();
    await settle();
    expect(requests.map((request) => request.values)).toEqual([['a', 'b']]);
    requests[0]?.finish();
    await settle();
    expect(requests.map((request) => request.values)).toEqual([['a', 'b'], ['c']]);
    requests[1]?.finish();
    await Promise.all(all);
  });

  it('rejects exactly the records of a failed request and keeps sending the others', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 0, batchBytes: 1_000 });
    const failed = batcher.add(record('a'));
    const next = batcher.add(record('b'));
    await settle();
    requests[0]?.finish(new Error('broker unavailable'));
    await expect(failed).rejects.toThrow('broker unavailable');
    await settle();
    expect(requests[1]?.values).toEqual(['b']);
    requests[1]?.finish();
    await expect(next).resolves.toBeUndefined();
  });

  it('flush resolves once every waiting and in-flight record is settled', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 1_000 });
    const written = batcher.add(record('a'));
    let flushed = false;
    void batcher.flush().then(() => (flushed = true));
    await settle();
    expect(flushed).toBe(false);
    requests[0]?.finish();
    await written;
    await settle();
    expect(flushed).toBe(true);
    expect(batcher.pendingRecords).toBe(0);
  });
});

/** A producer that records each request's values and refuses the ones `refusal` names. */
function refusingProducer(refusal: (values: string[]) => RecordsRefused | undefined) {
  const sent: string[][] = [];
  const port: ProducerPort = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async (records) => {
      const values = records.map((one) => String(one.value));
      sent.push(values);
      const refused = refusal(values);
      if (refused) throw refused;
      return [];
    },
  };
  return { sent, port };
}

describe('RecordBatcher with a record Kafka refuses', () => {
  /** Whether each record was written, once everything added was sent. */
  async function statusesOf(port: ProducerPort, values: readonly string[]) {
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 10_000 });
    const written = values.map((value) => batcher.add(record(value)));
    await batcher.flush();
    return (await Promise.allSettled(written)).map((outcome) => outcome.status);
  }

  it('splits the refused request until only the record at fault is rejected', async () => {
    const { sent, port } = refusingProducer((values) =>
      values.includes('too-large')
        ? new RecordsRefused('Kafka refused it (MESSAGE_TOO_LARGE)')
        : undefined,
    );
    const values = ['a', 'b', 'too-large', 'c', 'd'];
    expect(await statusesOf(port, values)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    // Every record that was written went out in the order it was added.
    const writtenOrder = sent.filter((request) => !request.includes('too-large')).flat();
    expect(writtenOrder).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sends again only what Kafka did not write when it refused one partition of a request', async () => {
    // Records 'big-*' share a partition whose batch Kafka refuses; the other partition is written.
    const { sent, port } = refusingProducer((values) => {
      const refusedPartition = values.flatMap((value, index) =>
        value.startsWith('big') ? [index] : [],
      );
      return values.includes('big-2') || refusedPartition.length > 1
        ? new RecordsRefused('Kafka refused it (MESSAGE_TOO_LARGE)', {
            unwritten: refusedPartition,
          })
        : undefined;
    });
    const values = ['a', 'big-1', 'b', 'big-2', 'c', 'big-3'];
    expect(await statusesOf(port, values)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    // 'a', 'b' and 'c' were written by the first request and never sent again; the refused
    // partition's records were halved, in order, until the refusal named 'big-2' alone.
    expect(sent).toEqual([
      values,
      ['big-1', 'big-2'],
      ['big-1'],
      ['big-2', 'big-3'],
      ['big-2'],
      ['big-3'],
    ]);
  });

  it.each([
    ['the broker is unreachable', new FieldlineError('BROKER_UNAVAILABLE', 'no broker')],
    ['the topic is not authorized', new FieldlineError('PUBLISH_REJECTED', 'not authorized')],
  ])('rejects every record of a request when %s, without splitting', async (_case, failure) => {
    let requests = 0;
    const port: ProducerPort = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async () => {
        requests += 1;
        throw failure;
      },
    };
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 10_000 });
    const written = ['a', 'b'].map((value) => batcher.add(record(value)));
    await batcher.flush();
    const outcomes = await Promise.allSettled(written);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(requests).toBe(1);
  });
});

describe('RecordBatcher sizes', () => {
  it('counts header bytes towards batchBytes', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 100 });
    const withHeaders = (value: string): OutgoingRecord => ({
      ...record(value, 10),
      headers: { 'fieldline-event-id': 'x'.repeat(40) },
    });
    void batcher.add(withHeaders('a'));
    await settle();
    expect(requests).toHaveLength(0);
    void batcher.add(withHeaders('b'));
    await settle();
    // Each record is 10 value bytes and 58 header bytes: two of them fill the batch.
    expect(requests.map((request) => request.values)).toEqual([['a']]);
  });
});

describe('RecordBatcher.sendAll', () => {
  it('sends a group at once, in one request, and resolves once all of it is written', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 1_000 });
    let written = false;
    void batcher
      .sendAll(['a', 'b', 'c'].map((value) => record(value)))
      .then(() => (written = true));
    await settle();
    expect(requests.map((request) => request.values)).toEqual([['a', 'b', 'c']]);
    expect(written).toBe(false);
    requests[0]?.finish();
    await settle();
    expect(written).toBe(true);
  });

  it('rejects when any record of the group fails', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 0, batchBytes: 15 });
    const written = batcher.sendAll(['a', 'b'].map((value) => record(value)));
    await settle();
    requests[0]?.finish();
    await settle();
    requests[1]?.finish(new Error('broker unavailable'));
    await expect(written).rejects.toThrow('broker unavailable');
  });
});

describe('RecordBatcher.sendEach', () => {
  it('reports the failure of each record Kafka did not write, by position, and no others', async () => {
    // Kafka refuses the partition of the 'big' record and writes the rest of the request.
    const { sent, port } = refusingProducer((values) => {
      const unwritten = values.flatMap((value, index) => (value === 'big' ? [index] : []));
      return unwritten.length > 0
        ? new RecordsRefused('Kafka refused it (MESSAGE_TOO_LARGE)', { unwritten })
        : undefined;
    });
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 10_000 });
    const failures = await batcher.sendEach(['a', 'big', 'b', 'c'].map((value) => record(value)));
    expect([...failures.keys()]).toEqual([1]);
    expect(failures.get(1)).toBeInstanceOf(RecordsRefused);
    // The refusal named 'big' alone: it is not sent again, and nothing else is either.
    expect(sent).toEqual([['a', 'big', 'b', 'c']]);
  });

  it('sends at once, behind what already waits, and resolves only when all have settled', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 1_000, batchBytes: 25 });
    void batcher.add(record('waiting'));
    let outcome: ReadonlyMap<number, unknown> | undefined;
    void batcher.sendEach(['a', 'b'].map((value) => record(value))).then((failures) => {
      outcome = failures;
    });
    await settle();
    expect(requests.map((request) => request.values)).toEqual([['waiting', 'a']]);
    requests[0]?.finish();
    await settle();
    expect(outcome).toBeUndefined();
    requests[1]?.finish(new Error('broker unavailable'));
    await settle();
    expect([...(outcome ?? new Map()).entries()]).toEqual([[1, new Error('broker unavailable')]]);
  });

  it('resolves at once with no failures for no records', async () => {
    const { port, requests } = manualProducer();
    const batcher = new RecordBatcher(port, { lingerMs: 0, batchBytes: 100 });
    expect((await batcher.sendEach([])).size).toBe(0);
    expect(requests).toHaveLength(0);
  });
});

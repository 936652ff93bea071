import {
  RecordsRefused,
  type BatchControl,
  type OutgoingRecord,
  type PartitionOffset,
  type TransactionalProducerPort,
} from '../port/broker-port';
import {
  BatchTransaction,
  type BatchTransactionHooks,
  type TransactionBounds,
} from './batch-transaction';

function fakes(options: { failSend?: boolean; refuse?: (values: string[]) => number[] } = {}) {
  const log: string[] = [];
  const sought: string[] = [];
  const producer: TransactionalProducerPort = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    begin: async () => {
      log.push('begin');
      return {
        send: async (records: readonly OutgoingRecord[]) => {
          if (options.failSend) throw new Error('broker gone');
          const unwritten = options.refuse?.(records.map((one) => String(one.value))) ?? [];
          if (unwritten.length > 0) {
            throw new RecordsRefused('MESSAGE_TOO_LARGE', { unwritten });
          }
          log.push(`send ${records.length}`);
        },
        sendOffsets: async (_group: string, offsets: readonly PartitionOffset[]) => {
          log.push(
            `offsets ${offsets
              .map((entry) => entry.offset + (entry.metadata ? ` ${entry.metadata}` : ''))
              .join(',')}`,
          );
        },
        commit: async () => {
          log.push('commit');
        },
        abort: async () => {
          log.push('abort');
        },
      };
    },
  };
  const inner: BatchControl = {
    heartbeat: async () => undefined,
    markHandled: () => undefined,
    commit: async () => undefined,
    isActive: () => true,
    seek: (offset) => sought.push(offset),
  };
  return { log, sought, producer, inner };
}

const record: OutgoingRecord = { topic: 'out', key: null, value: null, headers: {} };
const partition = { topic: 'in', partition: 2 };

/** A transaction over the fakes' producer and batch, with the bounds given. */
function transactionOf(
  producer: TransactionalProducerPort,
  inner: BatchControl,
  bounds: TransactionBounds,
  hooks: BatchTransactionHooks = {},
): BatchTransaction {
  return new BatchTransaction(producer, 'group', partition, inner, bounds, hooks);
}

describe('BatchTransaction', () => {
  it('commits the outputs with the next offset to read, in one transaction', async () => {
    const { log, producer, inner } = fakes();
    const transaction = transactionOf(producer, inner, {
      maxRecords: 100,
      maxOpenMs: 60_000,
    });
    transaction.stage([record], '7');
    transaction.control.markHandled('7');
    transaction.stage([record, record], '8');
    transaction.control.markHandled('8');
    await transaction.control.commit();
    // The outputs of both records leave in one request.
    expect(log).toEqual(['begin', 'send 3', 'offsets 9', 'commit']);
  });

  it('commits the offset with the metadata the stage gives at commit time', async () => {
    const { log, producer, inner } = fakes();
    const given: { metadata?: string } = {};
    const transaction = transactionOf(
      producer,
      inner,
      { maxRecords: 100, maxOpenMs: 60_000 },
      { offsetMetadata: () => given.metadata },
    );
    transaction.control.markHandled('3');
    await transaction.control.commit();
    given.metadata = 'skipped 4';
    transaction.control.markHandled('4');
    await transaction.control.commit();
    expect(log.filter((entry) => entry.startsWith('offsets'))).toEqual([
      'offsets 4',
      'offsets 5 skipped 4',
    ]);
  });

  it('commits mid-batch once the transaction holds its maximum number of records', async () => {
    const { log, producer, inner } = fakes();
    const transaction = transactionOf(producer, inner, {
      maxRecords: 2,
      maxOpenMs: 60_000,
    });
    for (const offset of ['1', '2', '3']) {
      transaction.stage([record], offset);
      transaction.control.markHandled(offset);
      await transaction.commitIfDue();
    }
    expect(log.filter((entry) => entry.startsWith('offsets'))).toEqual(['offsets 3']);
    await transaction.control.commit();
    expect(log.filter((entry) => entry.startsWith('offsets'))).toEqual(['offsets 3', 'offsets 4']);
  });

  it('commits mid-batch once the transaction has been open too long', async () => {
    const { log, producer, inner } = fakes();
    let clock = 0;
    const transaction = transactionOf(
      producer,
      inner,
      { maxRecords: 1_000, maxOpenMs: 5_000 },
      { now: () => clock },
    );
    transaction.stage([record], '1');
    transaction.control.markHandled('1');
    await transaction.commitIfDue();
    expect(log).not.toContain('commit');
    clock = 5_000;
    await transaction.commitIfDue();
    expect(log).toContain('commit');
  });

  it('refuses to commit after a failed send, and rewinds to the first uncommitted record', async () => {
    const { log, sought, producer, inner } = fakes({ failSend: true });
    const transaction = transactionOf(producer, inner, {
      maxRecords: 100,
      maxOpenMs: 60_000,
    });
    transaction.stage([record], '4');
    transaction.control.markHandled('4');
    transaction.control.markHandled('5');
    await expect(transaction.control.commit()).rejects.toThrow('broker gone');
    await transaction.abandon();
    expect(log).toEqual(['begin', 'abort']);
    expect(sought).toEqual(['4']);
  });

  it('sends staged outputs inside the open transaction once they fill a request', async () => {
    const { log, producer, inner } = fakes();
    const transaction = transactionOf(producer, inner, {
      maxRecords: 100,
      maxOpenMs: 60_000,
      maxStagedBytes: 25,
    });
    const sized: OutgoingRecord = { ...record, value: Buffer.alloc(10) };
    for (const offset of ['1', '2', '3']) {
      transaction.stage([sized], offset);
      transaction.control.markHandled(offset);
      await transaction.commitIfDue();
    }
    expect(log).toEqual(['begin', 'send 3']);
    await transaction.control.commit();
    expect(log).toEqual(['begin', 'send 3', 'offsets 4', 'commit']);
  });

  it('names the input records whose outputs Kafka refused', async () => {
    const { producer, inner } = fakes({
      refuse: (values) => values.flatMap((value, index) => (value === 'big' ? [index] : [])),
    });
    const transaction = transactionOf(producer, inner, {
      maxRecords: 100,
      maxOpenMs: 60_000,
    });
    const valued = (value: string): OutgoingRecord => ({ ...record, value: Buffer.from(value) });
    transaction.stage([valued('a')], '1');
    transaction.stage([valued('b'), valued('big')], '2');
    transaction.stage([valued('big')], '3');
    transaction.stage([valued('c')], '4');
    for (const offset of ['1', '2', '3', '4']) transaction.control.markHandled(offset);
    await expect(transaction.control.commit()).rejects.toBeInstanceOf(RecordsRefused);
    expect(transaction.refusedInputs()).toEqual(['2', '3']);
    await transaction.abandon();
    expect(transaction.refusedInputs()).toEqual([]);
  });

  it("sends each record's outputs on their own while isolating", async () => {
    const { log, producer, inner } = fakes();
    const transaction = transactionOf(
      producer,
      inner,
      { maxRecords: 100, maxOpenMs: 60_000 },
      { isolating: true },
    );
    for (const offset of ['1', '2']) {
      transaction.stage([record, record], offset);
      transaction.control.markHandled(offset);
      await transaction.commitIfDue();
    }
    await transaction.control.commit();
    expect(log).toEqual(['begin', 'send 2', 'send 2', 'offsets 3', 'commit']);
  });
});

// kafkajs filters aborted transactional records itself; patches/kafkajs+2.2.4.patch fixes how.
const filterAbortedMessages = require('kafkajs/src/consumer/filterAbortedMessages') as (input: {
  messages: Message[];
  abortedTransactions: { firstOffset: string; producerId: string }[];
}) => Message[];

interface Message {
  offset: string;
  key: Buffer | null;
  isControlRecord?: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}

const abortMarker = Buffer.from([0, 0, 0, 0]);
const data = (offset: number, producerId: string): Message => ({
  offset: String(offset),
  key: Buffer.from('k'),
  batchContext: { producerId, inTransaction: true },
});
const abort = (offset: number, producerId: string): Message => ({
  ...data(offset, producerId),
  key: abortMarker,
  isControlRecord: true,
});
const offsets = (messages: Message[]) => messages.map((message) => Number(message.offset));

describe('read_committed filtering of aborted transactions (patched kafkajs)', () => {
  it('drops the records of transactions listed in the order they were aborted', () => {
    // Producer B's transaction began first but was aborted after A's: the broker lists A first.
    const messages = [data(10, 'B'), data(11, 'A'), data(12, 'B'), abort(13, 'A'), abort(14, 'B')];
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [
        { firstOffset: '11', producerId: 'A' },
        { firstOffset: '10', producerId: 'B' },
      ],
    });
    expect(offsets(kept)).toEqual([13, 14]);
  });

  it('applies every aborted transaction that began before the first fetched record', () => {
    // A fetch from offset 20 inside two long transactions that both began earlier.
    const messages = [data(20, 'B'), data(21, 'A'), abort(22, 'A'), abort(23, 'B')];
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [
        { firstOffset: '3', producerId: 'A' },
        { firstOffset: '5', producerId: 'B' },
      ],
    });
    expect(offsets(kept)).toEqual([22, 23]);
  });

  it('keeps committed records of other producers interleaved with an aborted transaction', () => {
    const messages = [data(1, 'A'), data(2, 'C'), data(3, 'A'), abort(4, 'A'), data(5, 'A')];
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [{ firstOffset: '1', producerId: 'A' }],
    });
    expect(offsets(kept)).toEqual([2, 4, 5]);
  });

  it('does not take a data record whose key looks like an abort marker for the end of a transaction', () => {
    const lookalike = { ...data(2, 'A'), key: abortMarker };
    const messages = [data(1, 'A'), lookalike, data(3, 'A'), abort(4, 'A')];
    const kept = filterAbortedMessages({
      messages,
      abortedTransactions: [{ firstOffset: '1', producerId: 'A' }],
    });
    expect(offsets(kept)).toEqual([4]);
  });
});

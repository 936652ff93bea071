// kafkajs' default partitioner, as patched (patches/kafkajs+2.2.4.patch): murmur2 in 32-bit
// integer arithmetic, and a request's messages grouped by partition without a copy of the list
// per message. A key must land on the partition the Java client picks for it, or records of
// one key written by Fieldline and by a Java producer would be split across partitions.
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (
  key: Buffer | string,
) => number;
const createDefaultPartitioner = require('kafkajs/src/producer/partitioners/default') as () => (
  request: object,
) => number;
const groupMessagesPerPartition = require('kafkajs/src/producer/groupMessagesPerPartition') as (
  request: object,
) => Record<string, { value: string }[]>;

describe("kafkajs' murmur2, as patched", () => {
  // Each value printed by org.apache.kafka.common.utils.Utils.murmur2 (kafka-clients 4.3.1) for
  // the UTF-8 bytes of the input, and the partition of 12 the Java client chooses for it.
  it.each([
    ['', 275646681, 9],
    ['a', -1563381124, 4],
    ['ab', 316155434, 2],
    ['abc', 479470107, 3],
    ['21', -973932308, 0],
    ['foobar', -790332482, 6],
    ['a-little-bit-long-string', -985981536, 8],
    ['a-little-bit-longer-string', -1486304829, 11],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971, 5],
    ['r-07-42', 1442650717, 1],
    ['été-région', -1899194463, 5],
  ])('hashes %j as the Java client does', (input, hash, partitionOf12) => {
    expect(murmur2(Buffer.from(input, 'utf8'))).toBe(hash);
    expect((hash & 0x7fffffff) % 12).toBe(partitionOf12);
  });

  it('hashes bytes above 0x7f as unsigned, as Java masks them', () => {
    const descending = Buffer.from(Array.from({ length: 256 }, (_, index) => 255 - index));
    expect(murmur2(descending)).toBe(-1141900935);
  });

  it('hashes a string key as its UTF-8 bytes, as the Java client hashes them', () => {
    expect(murmur2('foobar')).toBe(-790332482);
    expect(murmur2('été-région')).toBe(-1899194463);
  });
});

describe("kafkajs' default partitioner and message grouping, as patched", () => {
  const partitionMetadata = [0, 1, 2].map((partitionId) => ({
    partitionId,
    leader: partitionId === 1 ? -1 : 0,
  }));

  it('puts a keyed message on its key partition and keeps the order within each partition', () => {
    const partitioner = createDefaultPartitioner();
    const messages = ['a', 'ab', 'abc', 'a', 'ab', 'abc'].map((key, index) => ({
      key: Buffer.from(key),
      value: `${key}#${index}`,
    }));
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata,
      messages,
      partitioner,
    });
    // murmur2 of 'a', 'ab' and 'abc' modulo 3: 1, 2, 0; an unavailable leader does not move a key.
    expect(grouped).toEqual({
      0: [
        { key: Buffer.from('abc'), value: 'abc#2' },
        { key: Buffer.from('abc'), value: 'abc#5' },
      ],
      1: [
        { key: Buffer.from('a'), value: 'a#0' },
        { key: Buffer.from('a'), value: 'a#3' },
      ],
      2: [
        { key: Buffer.from('ab'), value: 'ab#1' },
        { key: Buffer.from('ab'), value: 'ab#4' },
      ],
    });
  });

  it('honours an explicit partition and spreads unkeyed messages over available leaders only', () => {
    const partitioner = createDefaultPartitioner();
    const explicit = { key: Buffer.from('a'), partition: 2, value: 'explicit' };
    const unkeyed = Array.from({ length: 6 }, (_, index) => ({ value: `unkeyed-${index}` }));
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata,
      messages: [explicit, ...unkeyed],
      partitioner,
    });
    expect(grouped['2']?.[0]).toEqual(explicit);
    expect(grouped['1']).toBeUndefined();
    // Round robin over partitions 0 and 2, whichever the topic's counter starts from.
    expect(grouped['0']).toHaveLength(3);
    expect(grouped['2']).toHaveLength(4);
  });

  it('groups nothing when the topic has no partition metadata', () => {
    const grouped = groupMessagesPerPartition({
      topic: 't',
      partitionMetadata: [],
      messages: [{ value: 'x' }],
      partitioner: createDefaultPartitioner(),
    });
    expect(grouped).toEqual({});
  });
});

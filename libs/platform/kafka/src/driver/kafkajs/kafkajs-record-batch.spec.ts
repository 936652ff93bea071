// A produce request's record batch as patched (patches/kafkajs+2.2.4.patch): records written
// straight into the batch's one encoder, ASCII header text written without Node's string
// encoder, and the CRC-32C computed eight bytes at a time. The broker checks the CRC and the
// lengths of every batch it is sent, so each is checked here against the protocol.
import { randomBytes } from 'node:crypto';
import {
  crc32C,
  decodedAs,
  decodeRecordBatch,
  Decoder,
  encodeRecordBatch,
  type RecordBatchFields,
  type RecordFields,
} from './kafkajs-protocol';

/** CRC-32C one bit at a time (reflected polynomial 0x82F63B78), as RFC 3720 defines it. */
function crc32CBitwise(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const gzip = 1;

const records: RecordFields[] = [
  {
    offsetDelta: 0,
    timestampDelta: 0,
    key: Buffer.from('region-7'),
    value: Buffer.alloc(1_500, 7),
    headers: {
      'fieldline-event-id': '3b241101-e2bb-4255-8caf-4136c566a962',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      empty: '',
    },
  },
  {
    offsetDelta: 1,
    timestampDelta: 70_000,
    key: null,
    value: Buffer.from('v'),
    headers: { repeated: ['one', Buffer.from([0, 255])], ünïcode: 'välue ✓', emoji: '🌊' },
  },
  { offsetDelta: 2, timestampDelta: -3, key: Buffer.alloc(0), value: null, headers: {} },
];

function batchOf(overrides: Partial<RecordBatchFields> = {}): RecordBatchFields {
  return {
    firstTimestamp: 1_700_000_000_000,
    maxTimestamp: 1_700_000_070_000,
    lastOffsetDelta: records.length - 1,
    producerId: 4_242,
    producerEpoch: 3,
    firstSequence: 17,
    records,
    ...overrides,
  };
}

describe("kafkajs' CRC-32C, as patched", () => {
  it('gives the check value of CRC-32C for "123456789"', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('agrees with the bitwise definition for every length up to 100 and at any alignment', () => {
    const bytes = randomBytes(4_200);
    for (let length = 0; length <= 100; length++) {
      for (const start of [0, 1, 3, 7]) {
        const slice = bytes.subarray(start, start + length);
        expect(crc32C(slice)).toBe(crc32CBitwise(slice));
      }
    }
    expect(crc32C(bytes)).toBe(crc32CBitwise(bytes));
  });
});

describe("kafkajs' record batch encoding, as patched", () => {
  it.each([
    ['uncompressed', undefined],
    ['gzip', gzip],
  ])('writes a %s batch whose records kafkajs reads back as they were', async (_, compression) => {
    const encoded = (await encodeRecordBatch(batchOf({ compression }))).buffer;
    const batch = await decodeRecordBatch(new Decoder(encoded));
    expect(batch).toMatchObject({
      firstOffset: '0',
      firstTimestamp: '1700000000000',
      producerId: '4242',
      producerEpoch: 3,
      firstSequence: 17,
      inTransaction: false,
    });
    expect(batch.records).toHaveLength(records.length);
    batch.records.forEach((decoded, index) => {
      const record = records[index] as RecordFields;
      const expected = decodedAs(record, { firstOffset: 0, firstTimestamp: 1_700_000_000_000 });
      expect(decoded).toMatchObject(expected);
      expect(decoded.headers).toEqual(expected.headers);
    });
  });

  it('fills in the batch length and the CRC-32C of everything after the CRC', async () => {
    const encoded = (await encodeRecordBatch(batchOf({ transactional: true }))).buffer;
    // FirstOffset (8), then Length (4): the bytes that follow it.
    expect(encoded.readInt32BE(8)).toBe(encoded.length - 12);
    // PartitionLeaderEpoch (4) and Magic (1), then the CRC over Attributes to the end.
    expect(encoded.readInt8(16)).toBe(2);
    expect(encoded.readUInt32BE(17)).toBe(crc32CBitwise(encoded.subarray(21)));
    expect((await decodeRecordBatch(new Decoder(encoded))).inTransaction).toBe(true);
  });

  it('grows past its first estimate for records whose headers outweigh their values', async () => {
    const heavy: RecordFields[] = Array.from({ length: 50 }, (_, index) => ({
      offsetDelta: index,
      timestampDelta: index,
      key: null,
      value: Buffer.from([index]),
      headers: Object.fromEntries(
        Array.from({ length: 20 }, (_, header) => [`h-${header}`, 'x'.repeat(100)]),
      ),
    }));
    const encoded = (
      await encodeRecordBatch(batchOf({ records: heavy, lastOffsetDelta: heavy.length - 1 }))
    ).buffer;
    expect(encoded.readUInt32BE(17)).toBe(crc32CBitwise(encoded.subarray(21)));
    const decoded = await decodeRecordBatch(new Decoder(encoded));
    expect(decoded.records.map((record) => record.value)).toEqual(heavy.map((r) => r.value));
    expect(decoded.records[49]?.headers['h-19']).toEqual(Buffer.from('x'.repeat(100)));
  });
});

describe('produce requests, as patched, against kafkajs 2.2.4 as published', () => {
  type Build = (request: object) => { request: { encode(): Promise<{ buffer: Buffer }> } };
  const produceV3 = (root: string) =>
    (
      require(`${root}/src/protocol/requests`) as {
        requests: { Produce: { protocol(options: { version: number }): Build } };
      }
    ).requests.Produce.protocol({ version: 3 });
  const patched = produceV3('kafkajs');
  const published = produceV3('kafkajs-published');

  const messages = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      key: index % 3 === 0 ? null : Buffer.from(`region-${index}`),
      value: index % 5 === 0 ? `text é ${index}` : Buffer.alloc((index * 37) % 700, index),
      headers: {
        'fieldline-event-id': `3b241101-e2bb-4255-8caf-${String(index).padStart(12, '0')}`,
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        repeated: ['one', Buffer.from([0, 255]), 'dös'],
        empty: '',
      },
      timestamp: String(1_700_000_000_000 + index * 17),
    }));
  const request = (compression: number, transactionalId?: string) => ({
    transactionalId,
    acks: -1,
    timeout: 30_000,
    compression,
    producerId: 42,
    producerEpoch: 3,
    topicData: [
      {
        topic: 'observations',
        partitions: [
          { partition: 0, firstSequence: 10, messages: messages(250) },
          { partition: 7, firstSequence: 0, messages: messages(3) },
        ],
      },
    ],
  });

  it.each([
    ['uncompressed', 0, undefined],
    ['uncompressed, in a transaction', 0, 'detector.observations.0'],
    ['gzip', gzip, undefined],
  ])('writes the same bytes, %s', async (_, compression, transactionalId) => {
    const bytesOf = async (build: Build) =>
      (await build(request(compression, transactionalId)).request.encode()).buffer;
    const [mine, theirs] = await Promise.all([bytesOf(patched), bytesOf(published)]);
    expect(mine.length).toBeGreaterThan(1_000);
    expect(mine.equals(theirs)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a number', 7],
  ])('refuses a header value that is %s, as published kafkajs does', async (_, value) => {
    const withBadHeader = {
      ...request(0),
      topicData: [
        {
          topic: 'observations',
          partitions: [
            { partition: 0, firstSequence: 0, messages: [{ value: 'v', headers: { h: value } }] },
          ],
        },
      ],
    };
    for (const build of [patched, published]) {
      // Node's own TypeError, from another realm than the test's: matched by its message.
      await expect(build(withBadHeader).request.encode()).rejects.toThrow(
        /argument must be of type string or an instance of Buffer/,
      );
    }
  });
});

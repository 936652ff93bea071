// Fetched record batches as patched kafkajs decodes them (patches/kafkajs+2.2.4.patch): each
// record read where it lies, header names read as text without a Buffer, timestamp deltas read
// as numbers. What comes out must be what kafkajs 2.2.4 as published makes of the same bytes.
import { decodeRecordBatch, Decoder } from './kafkajs-protocol';

type Decode = (decoder: unknown) => Promise<unknown>;
type EncodeRecord = (fields: object) => unknown;
type EncodeBatch = (batch: object) => Promise<{ buffer: Buffer }>;

const published = {
  Decoder: require('kafkajs-published/src/protocol/decoder') as new (buffer: Buffer) => unknown,
  decodeRecordBatch: require('kafkajs-published/src/protocol/recordBatch/v0/decoder') as Decode,
  encodeRecord: require('kafkajs-published/src/protocol/recordBatch/record/v0') as EncodeRecord,
  encodeBatch: (
    require('kafkajs-published/src/protocol/recordBatch/v0') as { RecordBatch: EncodeBatch }
  ).RecordBatch,
  Long: require('kafkajs-published/src/utils/long') as { fromValue(value: string): unknown },
  Encoder: require('kafkajs-published/src/protocol/encoder') as new () => {
    writeVarInt(value: number): unknown;
    writeBuffer(value: Buffer): unknown;
  },
};

/**
 * A record whose length covers one byte more than its fields, as a later version of the record
 * format could write: a decoder must go on from where the length says the record ends.
 */
function withTrailingByte(record: object): unknown {
  const encoded = (published.encodeRecord(record) as { buffer: Buffer }).buffer;
  const lengthReader = new Decoder(encoded);
  const length = lengthReader.readVarInt();
  const padded = new published.Encoder();
  padded.writeVarInt(length + 1);
  padded.writeBuffer(Buffer.concat([encoded.subarray(lengthReader.offset), Buffer.from([0x7f])]));
  return padded;
}

const gzip = 1;
const records = [
  {
    offsetDelta: 0,
    timestampDelta: 0,
    key: Buffer.from('region-7'),
    value: Buffer.alloc(1_024, 7),
    headers: {
      'fieldline-event-id': '3b241101-e2bb-4255-8caf-4136c566a962',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      empty: '',
    },
  },
  {
    offsetDelta: 1,
    timestampDelta: -70_000,
    key: null,
    value: Buffer.from('v'),
    headers: { repeated: ['one', Buffer.from([0, 255]), 'three'], ünïcode: 'välue ✓' },
  },
  // Deltas around the seven bytes a timestamp delta is read as a number in, and past them.
  ...[2 ** 48 - 1, -(2 ** 48), 2 ** 48, -(2 ** 48) - 1, 2 ** 52 + 3, -(2 ** 53) + 1].map(
    (timestampDelta, index) => ({
      offsetDelta: 2 + index,
      timestampDelta,
      key: Buffer.alloc(0),
      value: null,
      headers: {},
    }),
  ),
];

async function batchBytes(
  compression: number,
  encode: (record: object) => unknown = published.encodeRecord,
  batch: readonly { readonly offsetDelta: number }[] = records,
): Promise<Buffer> {
  const encoded = await published.encodeBatch({
    compression,
    firstOffset: published.Long.fromValue('1000'),
    firstTimestamp: 1_700_000_000_000,
    maxTimestamp: 1_700_000_070_000,
    lastOffsetDelta: batch.length - 1,
    records: batch.map(encode),
  });
  return encoded.buffer;
}

/** Headers named `prefix0`, `prefix1`, … with the values `value0`, `value1`, … */
function numberedHeaders(count: number, prefix = 'h'): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`${prefix}${index}`, `value${index}`]),
  );
}

describe('fetched record batches, as patched, against kafkajs 2.2.4 as published', () => {
  it.each([
    ['uncompressed', 0],
    ['gzip', gzip],
  ])('decode to the same records, %s', async (_, compression) => {
    const bytes = await batchBytes(compression);
    // Two batches back to back, as a fetch returns them.
    const twice = Buffer.concat([bytes, bytes]);
    const mine = new Decoder(twice);
    const theirs = new published.Decoder(twice);
    for (let batch = 0; batch < 2; batch++) {
      const decoded = await decodeRecordBatch(mine);
      expect(decoded.records).toHaveLength(records.length);
      expect(decoded).toEqual(await published.decodeRecordBatch(theirs));
    }
    expect(mine.offset).toBe(twice.length);
  });

  it.each([
    ['uncompressed', 0],
    ['gzip', gzip],
  ])(
    'go on from where each record ends by its length, not its fields, %s',
    async (_, compression) => {
      const bytes = await batchBytes(compression, withTrailingByte);
      const decoded = await decodeRecordBatch(new Decoder(bytes));
      expect(decoded.records.map((record) => record.offset)).toEqual(
        records.map((record) => String(1_000 + record.offsetDelta)),
      );
      expect(decoded).toEqual(await published.decodeRecordBatch(new published.Decoder(bytes)));
    },
  );

  it('read header names the records before used at the same place only when their bytes match', async () => {
    const headerRecords = [
      { aaaa: 'first', same: '1' },
      { aaab: 'same length, last byte differs', same: '2' },
      { aaab: 'same name again', same: '3' },
      { äa: 'two bytes for one character, same byte length', same: '4' },
      numberedHeaders(40),
      numberedHeaders(40),
      numberedHeaders(40, 'i'),
      {},
      { aaaa: 'back to the first', same: '5' },
    ].map((headers, offsetDelta) => ({
      offsetDelta,
      timestampDelta: offsetDelta,
      key: null,
      value: Buffer.from([offsetDelta]),
      headers,
    }));
    const bytes = await batchBytes(0, published.encodeRecord, headerRecords);
    const decoded = await decodeRecordBatch(new Decoder(bytes));
    expect(decoded).toEqual(await published.decodeRecordBatch(new published.Decoder(bytes)));
    expect(decoded.records.map((record) => Object.keys(record.headers))).toEqual(
      headerRecords.map((record) => Object.keys(record.headers)),
    );
  });

  it('reads timestamp deltas past seven bytes exactly', async () => {
    const decoded = await decodeRecordBatch(new Decoder(await batchBytes(0)));
    expect(decoded.records.slice(2).map((record) => record.timestamp)).toEqual(
      [
        2n ** 48n - 1n,
        -(2n ** 48n),
        2n ** 48n,
        -(2n ** 48n) - 1n,
        2n ** 52n + 3n,
        -(2n ** 53n) + 1n,
      ].map((delta) => String(1_700_000_000_000n + delta)),
    );
  });
});

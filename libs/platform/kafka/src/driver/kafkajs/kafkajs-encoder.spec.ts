// The encoder as patched (patches/kafkajs+2.2.4.patch): varints written in place, buffers not
// zero-filled, varlongs in the int32 range written as varints, and a record with its headers
// written into one encoder. These are the bytes the Kafka protocol defines (zigzag LEB128).
import {
  decodedAs,
  decodeRecord,
  Decoder,
  encodeRecord,
  Encoder,
  Long,
  type RecordFields,
} from './kafkajs-protocol';

describe('the kafkajs encoder, as patched', () => {
  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [300, 'd804'],
    [2_147_483_647, 'feffffff0f'],
    [-2_147_483_648, 'ffffffff0f'],
  ])('writes the varint %i as %s and reads it back', (value, hex) => {
    const encoder = new Encoder().writeVarInt(value);
    expect(encoder.buffer.toString('hex')).toBe(hex);
    expect(new Decoder(encoder.buffer).readVarInt()).toBe(value);
  });

  it('grows from one byte through mixed writes without losing or inventing a byte', () => {
    const encoder = new Encoder(1);
    const values = Array.from({ length: 2_000 }, (_, index) => (index % 2 ? -1 : 1) * index ** 2);
    for (const value of values)
      encoder.writeVarInt(value).writeInt32(value).writeVarIntString(`v${value}`);
    const decoder = new Decoder(encoder.buffer);
    for (const value of values) {
      expect([decoder.readVarInt(), decoder.readInt32(), decoder.readVarIntString()]).toEqual([
        value,
        value,
        `v${value}`,
      ]);
    }
    expect(decoder.canReadBytes(1)).toBe(false);
  });

  it.each([
    0,
    -1,
    1,
    63,
    -64,
    300,
    -300,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 40,
  ])(
    'writes the varlong %i as a Long of that value would be written, and reads it back',
    (value) => {
      const asNumber = new Encoder().writeVarLong(value).buffer;
      const asLong = new Encoder().writeVarLong(Long.fromNumber(value)).buffer;
      expect(asNumber.toString('hex')).toBe(asLong.toString('hex'));
      expect(Encoder.sizeOfVarLong(value)).toBe(asNumber.length);
      expect(new Decoder(asNumber).readVarLong().toString()).toBe(String(value));
    },
  );

  it('writes a record with its headers that kafkajs reads back as it was', () => {
    const records: RecordFields[] = [
      {
        offsetDelta: 0,
        timestampDelta: 0,
        key: Buffer.from('region-7'),
        value: Buffer.alloc(1_500, 7),
        headers: { 'fieldline-event-id': 'e-1', traceparent: '00-ab-cd-01' },
      },
      {
        offsetDelta: 999,
        timestampDelta: 70_000,
        key: null,
        value: Buffer.from('v'),
        headers: { repeated: ['one', Buffer.from('two')], ünïcode: 'välue' },
      },
      { offsetDelta: 5, timestampDelta: -3, key: Buffer.alloc(0), value: null, headers: {} },
    ];
    const bytes = Buffer.concat(records.map((record) => encodeRecord(record).buffer));
    const decoder = new Decoder(bytes);
    for (const record of records) {
      const length = decoder.readVarInt();
      const start = decoder.offset;
      const decoded = decodeRecord(decoder, { firstOffset: '100', firstTimestamp: '1000000' });
      // The length prefix covers exactly the record's body.
      expect(decoder.offset - start).toBe(length);
      const expected = decodedAs(record, { firstOffset: 100, firstTimestamp: 1_000_000 });
      expect(decoded).toMatchObject(expected);
      expect(decoded.headers).toEqual(expected.headers);
    }
    expect(decoder.canReadBytes(1)).toBe(false);
  });
});

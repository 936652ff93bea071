// The encoder as patched (patches/kafkajs+2.2.4.patch): varints written in place and buffers
// not zero-filled. These are the bytes the Kafka protocol defines (zigzag LEB128).
interface Encoder {
  readonly buffer: Buffer;
  writeVarInt(value: number): Encoder;
  writeInt32(value: number): Encoder;
  writeVarIntString(value: string): Encoder;
}
interface Decoder {
  readVarInt(): number;
  readInt32(): number;
  readVarIntString(): string;
  canReadBytes(length: number): boolean;
}
const Encoder = require('kafkajs/src/protocol/encoder') as new (initialSize?: number) => Encoder;
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => Decoder;

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
});

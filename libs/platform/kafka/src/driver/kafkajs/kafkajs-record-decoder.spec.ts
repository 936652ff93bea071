// kafkajs' record decoder as patched (patches/kafkajs+2.2.4.patch): headers gathered into one
// object, offsets and timestamps summed as plain numbers while they are safe integers.
import { decodeRecord, Decoder, encodeRecord, type DecodedRecord } from './kafkajs-protocol';

function roundTrip(
  headers: Record<string, string | string[]>,
  batch = { firstOffset: '0', firstTimestamp: '0' },
  deltas = { offsetDelta: 0, timestampDelta: 0 },
): DecodedRecord {
  const bytes = encodeRecord({ ...deltas, key: null, value: Buffer.from('v'), headers }).buffer;
  const decoder = new Decoder(bytes);
  decoder.readVarInt();
  return decodeRecord(decoder, batch);
}

describe("kafkajs' record decoder, as patched", () => {
  it('gathers a header sent more than once into an array, in order', () => {
    const { headers } = roundTrip({ single: 'a', repeated: ['one', 'two', 'three'] });
    expect(headers).toEqual({
      single: Buffer.from('a'),
      repeated: [Buffer.from('one'), Buffer.from('two'), Buffer.from('three')],
    });
  });

  it('keeps headers named like inherited properties as ordinary headers', () => {
    const { headers } = roundTrip({ constructor: 'c', ['__proto__']: 'p', toString: ['t1', 't2'] });
    expect(Object.keys(headers)).toEqual(['constructor', '__proto__', 'toString']);
    expect(headers['constructor']).toEqual(Buffer.from('c'));
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toEqual(Buffer.from('p'));
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(headers['toString']).toEqual([Buffer.from('t1'), Buffer.from('t2')]);
  });

  it.each([
    ['small', '100', '1700000000000', 7, 250, '107', '1700000000250'],
    ['negative timestamp delta', '0', '1700000000000', 0, -5, '0', '1699999999995'],
    [
      'a sum past 2^53 from safe parts, through Long',
      '9007199254740990',
      '9007199254740990',
      3,
      5,
      '9007199254740993',
      '9007199254740995',
    ],
    [
      'past 2^53, through Long',
      '9007199254740993',
      '9007199254740993',
      2,
      1,
      '9007199254740995',
      '9007199254740994',
    ],
  ])(
    'sums offsets and timestamps exactly (%s)',
    (_, firstOffset, firstTimestamp, offsetDelta, timestampDelta, offset, timestamp) => {
      const decoded = roundTrip(
        {},
        { firstOffset, firstTimestamp },
        { offsetDelta, timestampDelta },
      );
      expect([decoded.offset, decoded.timestamp]).toEqual([offset, timestamp]);
    },
  );
});

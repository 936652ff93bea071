import { isRetriable } from '@fieldline/shared-errors';
import { DecodeError } from './decode-error';
import { Type } from 'avsc';
import { decodeBody, encodeFramed, frame, framedSchemaId, unframe } from './wire-format';

const location = { topic: 'observations', partition: 2, offset: '15' };

describe('Confluent wire format', () => {
  it('round-trips schema id and body', () => {
    const framed = frame(4242, Buffer.from([1, 2, 3]));
    expect([...framed.subarray(0, 5)]).toEqual([0, 0, 0, 0x10, 0x92]);
    expect(unframe(framed, location)).toEqual({ schemaId: 4242, body: Buffer.from([1, 2, 3]) });
  });

  it.each([
    ['an empty value', Buffer.alloc(0), 'the value is empty'],
    ['a missing value', null, 'the value is empty'],
    ['a truncated header', Buffer.from([0, 0, 1]), 'only 3 bytes'],
    ['a wrong magic byte', Buffer.from('{"json":true}'), 'magic byte is 123, expected 0'],
  ])(
    'rejects %s with a non-retriable error naming topic, partition, offset and reason',
    (_case, bytes, reason) => {
      for (const read of [unframe, framedSchemaId]) {
        let error: unknown;
        try {
          read(bytes, location);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(DecodeError);
        expect((error as DecodeError).message).toContain('observations[2]@15');
        expect((error as DecodeError).message).toContain(reason);
        expect(isRetriable(error)).toBe(false);
      }
    },
  );
});

describe('decodeBody', () => {
  const type = Type.forSchema({
    type: 'record',
    name: 'Reading',
    fields: [
      { name: 'station', type: 'string' },
      { name: 'value', type: 'double' },
    ],
  });
  const value = { station: 'st-7', value: 21.5 };

  it('reads the body behind the header as fromBuffer reads the body alone', () => {
    const framed = frame(9, type.toBuffer(value));
    expect(framedSchemaId(framed, location)).toBe(9);
    expect(decodeBody(type, framed)).toEqual(type.fromBuffer(unframe(framed, location).body));
  });

  it('resolves a body written with an older schema into the reader schema', () => {
    const writer = Type.forSchema({
      type: 'record',
      name: 'Reading',
      fields: [{ name: 'station', type: 'string' }],
    });
    const reader = Type.forSchema({
      type: 'record',
      name: 'Reading',
      fields: [
        { name: 'station', type: 'string' },
        { name: 'value', type: 'double', default: -1 },
      ],
    });
    const framed = frame(9, writer.toBuffer({ station: 'st-7' }));
    expect(decodeBody(reader, framed, reader.createResolver(writer))).toEqual({
      station: 'st-7',
      value: -1,
    });
  });

  it('throws as fromBuffer does for a body cut short or followed by more bytes', () => {
    const body = type.toBuffer(value);
    expect(() => decodeBody(type, frame(9, body.subarray(0, body.length - 1)))).toThrow(
      'truncated buffer',
    );
    expect(() => decodeBody(type, frame(9, Buffer.concat([body, Buffer.from([0])])))).toThrow(
      'trailing data',
    );
  });
});

describe('encodeFramed', () => {
  const type = Type.forSchema({
    type: 'record',
    name: 'Sample',
    fields: [{ name: 'text', type: 'string' }],
  });

  it.each([
    ['a small value', 10],
    ['a value past avsc own 1 KiB buffer', 3_000],
    ['a value larger than the reused buffer', 100_000],
    ['a value too large to keep a reused buffer for', 1_500_000],
  ])('frames %s exactly as toBuffer + frame would', (_case, length) => {
    const value = { text: 'é'.repeat(length) };
    const framed = encodeFramed(77, type, value);
    expect(framed).toEqual(frame(77, type.toBuffer(value)));
    expect(type.fromBuffer(unframe(framed, location).body)).toEqual(value);
  });

  it('returns buffers of their own, untouched by later encodes', () => {
    const first = encodeFramed(1, type, { text: 'first' });
    encodeFramed(1, type, { text: 'second, and longer' });
    expect(type.fromBuffer(unframe(first, location).body)).toEqual({ text: 'first' });
  });

  it('throws for a value that does not match the schema', () => {
    expect(() => encodeFramed(1, type, { text: 42 })).toThrow();
  });
});

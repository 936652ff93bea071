import { DecodeError, type RecordLocation } from './decode-error';

/** Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro body. */
export const magicByte = 0;
const headerLength = 5;

export interface FramedRecord {
  readonly schemaId: number;
  readonly body: Buffer;
}

export function frame(schemaId: number, body: Buffer): Buffer {
  const framed = Buffer.allocUnsafe(headerLength + body.length);
  framed.writeUInt8(magicByte, 0);
  framed.writeUInt32BE(schemaId, 1);
  body.copy(framed, headerLength);
  return framed;
}

/** Splits a record into schema id and body, or throws a DecodeError naming why it cannot. */
export function unframe(bytes: Buffer | null | undefined, location: RecordLocation): FramedRecord {
  if (!bytes || bytes.length === 0) {
    throw new DecodeError(location, 'the value is empty (a tombstone or a record without a value)');
  }
  if (bytes.length < headerLength) {
    throw new DecodeError(
      location,
      `only ${bytes.length} bytes; the wire format needs at least ${headerLength}`,
    );
  }
  const magic = bytes.readUInt8(0);
  if (magic !== magicByte) {
    throw new DecodeError(
      location,
      `magic byte is ${magic}, expected ${magicByte}: not written by a schema-registry serializer`,
    );
  }
  return { schemaId: bytes.readUInt32BE(1), body: bytes.subarray(headerLength) };
}

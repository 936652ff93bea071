import type { Type } from 'avsc';
import { DecodeError, type RecordLocation } from './decode-error';

/** Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro body. */
export const magicByte = 0;
const headerLength = 5;

export interface FramedRecord {
  readonly schemaId: number;
  readonly body: Buffer;
}

/** The part of an avsc Type that writes into a caller's buffer (negative: bytes missing). */
export interface BufferEncoder {
  encode(value: unknown, buffer: Buffer, position: number): number;
}

let scratch = Buffer.allocUnsafe(16 * 1024);
/** A record larger than this gets a buffer of its own, so one outlier does not pin memory. */
const largestScratchBytes = 1024 * 1024;

/**
 * Encodes `value` behind the header in one reused buffer, then copies out exactly the bytes
 * written: one pass and one copy per record. avsc's toBuffer encodes twice once a value
 * outgrows its own 1 KiB buffer, and framing its result would copy again.
 */
export function encodeFramed(schemaId: number, encoder: BufferEncoder, value: unknown): Buffer {
  let end = encoder.encode(value, scratch, headerLength);
  if (end < 0) {
    // avsc reports a buffer that is too small as minus the bytes missing.
    const needed = scratch.length - end;
    if (needed > largestScratchBytes) {
      const own = Buffer.allocUnsafe(needed);
      return writeHeader(own.subarray(0, encoder.encode(value, own, headerLength)), schemaId);
    }
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, needed));
    end = encoder.encode(value, scratch, headerLength);
  }
  const framed = Buffer.allocUnsafe(end);
  scratch.copy(framed, 0, 0, end);
  return writeHeader(framed, schemaId);
}

function writeHeader(framed: Buffer, schemaId: number): Buffer {
  framed.writeUInt8(magicByte, 0);
  framed.writeUInt32BE(schemaId, 1);
  return framed;
}

export function frame(schemaId: number, body: Buffer): Buffer {
  const framed = Buffer.allocUnsafe(headerLength + body.length);
  body.copy(framed, headerLength);
  return writeHeader(framed, schemaId);
}

/** Splits a record into schema id and body, or throws a DecodeError naming why it cannot. */
export function unframe(bytes: Buffer | null | undefined, location: RecordLocation): FramedRecord {
  const schemaId = framedSchemaId(bytes, location);
  return { schemaId, body: (bytes as Buffer).subarray(headerLength) };
}

/** The schema id of a wire-format record, or a DecodeError naming why it has none. */
export function framedSchemaId(bytes: Buffer | null | undefined, location: RecordLocation): number {
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
  return bytes.readUInt32BE(1);
}

/**
 * Reads the Avro body of a wire-format record where it lies, without a Buffer made for it;
 * throws as avsc's fromBuffer does for a body that ends early or goes on past its value.
 */
export function decodeBody(
  type: Pick<Type, 'decode'>,
  framed: Buffer,
  resolver?: Parameters<Type['decode']>[2],
): unknown {
  const { value, offset } = type.decode(framed, headerLength, resolver);
  if (offset < 0) throw new Error('truncated buffer');
  if (offset < framed.length) throw new Error('trailing data');
  return value;
}

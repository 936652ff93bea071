// kafkajs' protocol internals that patches/kafkajs+2.2.4.patch changes, typed for the specs that
// check the patched bytes. kafkajs exports none of them.

export interface ProtocolEncoder {
  readonly buffer: Buffer;
  writeVarInt(value: number): ProtocolEncoder;
  writeVarLong(value: number | KafkaLong): ProtocolEncoder;
  writeInt32(value: number): ProtocolEncoder;
  writeVarIntString(value: string): ProtocolEncoder;
}

export interface ProtocolDecoder {
  /** The position of the next byte to read. */
  readonly offset: number;
  readVarInt(): number;
  readVarLong(): KafkaLong;
  readInt32(): number;
  readVarIntString(): string;
  canReadBytes(length: number): boolean;
}

export interface KafkaLong {
  toString(): string;
}

export interface RecordFields {
  readonly offsetDelta: number;
  readonly timestampDelta: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string | Buffer | (string | Buffer)[]>>;
}

export interface DecodedRecord {
  readonly timestamp: string;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | Buffer[]>>;
}

export const Encoder = require('kafkajs/src/protocol/encoder') as (new (
  initialSize?: number,
) => ProtocolEncoder) & { sizeOfVarLong(value: number | KafkaLong): number };

export const Decoder = require('kafkajs/src/protocol/decoder') as new (
  buffer: Buffer,
) => ProtocolDecoder;

export const Long = require('kafkajs/src/utils/long') as {
  fromNumber(value: number): KafkaLong;
};

export const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (
  record: RecordFields,
) => ProtocolEncoder;

/** Decodes one record; the decoder must stand after the record's length. */
export const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (
  decoder: ProtocolDecoder,
  batch: { readonly firstOffset: string; readonly firstTimestamp: string },
) => DecodedRecord;

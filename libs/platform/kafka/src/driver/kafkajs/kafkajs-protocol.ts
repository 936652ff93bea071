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

export interface RecordBatchFields {
  readonly compression?: number;
  readonly firstTimestamp: number;
  readonly maxTimestamp: number;
  readonly lastOffsetDelta: number;
  readonly transactional?: boolean;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly firstSequence: number;
  readonly records: readonly RecordFields[];
}

export interface DecodedRecordBatch {
  readonly firstOffset: string;
  readonly firstTimestamp: string;
  readonly producerId: string;
  readonly producerEpoch: number;
  readonly firstSequence: number;
  readonly inTransaction: boolean;
  readonly records: readonly DecodedRecord[];
}

/** Encodes a record batch (the records' fields written into it, as patched). */
export const encodeRecordBatch = (
  require('kafkajs/src/protocol/recordBatch/v0') as {
    RecordBatch(batch: RecordBatchFields): Promise<ProtocolEncoder>;
  }
).RecordBatch;

/** Decodes one record batch, the decoder standing at its first offset. */
export const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (
  decoder: ProtocolDecoder,
) => Promise<DecodedRecordBatch>;

/** The CRC-32C (Castagnoli) of `buffer`, as kafkajs writes it into each record batch. */
export const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as (
  buffer: Buffer,
) => number;

/**
 * What kafkajs decodes a record written from `fields` to, offsets and timestamps counted from
 * the batch's first ones: headers come back as Buffers, repeated ones as lists.
 */
export function decodedAs(
  fields: RecordFields,
  batch: { readonly firstOffset: number; readonly firstTimestamp: number },
): Omit<DecodedRecord, 'headers'> & { readonly headers: Record<string, Buffer | Buffer[]> } {
  const asBuffer = (value: string | Buffer) => Buffer.from(value);
  return {
    offset: String(batch.firstOffset + fields.offsetDelta),
    timestamp: String(batch.firstTimestamp + fields.timestampDelta),
    key: fields.key,
    value: fields.value,
    headers: Object.fromEntries(
      Object.entries(fields.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.map(asBuffer) : asBuffer(value),
      ]),
    ),
  };
}

/** kafkajs' consumer batch: the records one fetch brought for one partition. */
export interface FetchedBatch {
  readonly messages: readonly { readonly offset: string }[];
  isEmpty(): boolean;
}

type FetchedBatchClass = new (
  topic: string,
  fetchedOffset: string,
  partitionData: object,
) => FetchedBatch;

/** The fetched batch of `messages` at `fetchedOffset`, as kafkajs (or `kafkajs-published`) makes it. */
export function fetchedBatch(
  partition: number,
  fetchedOffset: string,
  messages: readonly object[],
  root: 'kafkajs' | 'kafkajs-published' = 'kafkajs',
): FetchedBatch {
  const Batch = require(`${root}/src/consumer/batch`) as FetchedBatchClass;
  return new Batch('observations', fetchedOffset, {
    partition,
    highWatermark: '100',
    abortedTransactions: [],
    messages,
  });
}

/** A fetched message at `offset`; a control record carries a commit marker as its key. */
export function fetchedMessage(offset: string, isControlRecord = false): object {
  return {
    offset,
    key: isControlRecord ? Buffer.from([0, 0, 0, 1]) : null,
    isControlRecord,
    batchContext: { inTransaction: isControlRecord, producerId: '7' },
  };
}

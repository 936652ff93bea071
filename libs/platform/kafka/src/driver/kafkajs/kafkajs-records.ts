import {
  CompressionTypes,
  type IHeaders,
  type KafkaMessage,
  type Message,
  type TopicMessages,
} from 'kafkajs';
import type { Compression, Headers, IncomingRecord, OutgoingRecord } from '../../port/broker-port';

export const compressionTypes: Readonly<Record<Compression, CompressionTypes>> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

/**
 * Groups records by topic, keeping their order, as one kafkajs sendBatch request; `messages`
 * are its messages in the order of the records.
 */
export function topicMessages(records: readonly OutgoingRecord[]): {
  readonly topicMessages: TopicMessages[];
  readonly messages: readonly Message[];
} {
  const byTopic = new Map<string, TopicMessages>();
  const messages: Message[] = [];
  for (const record of records) {
    let entry = byTopic.get(record.topic);
    if (!entry) {
      entry = { topic: record.topic, messages: [] };
      byTopic.set(record.topic, entry);
    }
    const message: Message = {
      key: record.key,
      value: record.value,
      headers: record.headers as IHeaders,
      partition: record.partition,
      timestamp: record.timestamp === undefined ? undefined : String(record.timestamp),
    };
    entry.messages.push(message);
    messages.push(message);
  }
  return { topicMessages: [...byTopic.values()], messages };
}

function headersOf(message: KafkaMessage): Headers {
  const headers: Record<string, string> = {};
  const raw = message.headers;
  for (const name in raw) {
    const value = raw[name];
    // A header sent more than once: the last one counts. A header without a value (other
    // clients may write one) is left out: there is no string to give it.
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined && last !== null) headers[name] = headerText(name, last);
  }
  return headers;
}

/**
 * The last value read of each header name, as bytes and text. `bytes` is a view into the
 * fetch it came from (whose bytes nothing writes to) until the value repeats, then a copy of
 * its own: a unique value (an event id) costs no copy, and a repeated one pins no fetch.
 */
const lastHeaderValues = new Map<string, { bytes: Buffer; text: string; copied: boolean }>();
const maxRememberedHeaderNames = 64;

/**
 * A header value as text. Most header values repeat from record to record (the event type, the
 * producer, the trace context of records written together), so a value whose bytes are the
 * last ones read under its name reuses their text instead of decoding a string again.
 */
function headerText(name: string, value: Buffer | string): string {
  if (typeof value === 'string') return value;
  const last = lastHeaderValues.get(name);
  if (last && sameBytes(last.bytes, value)) {
    if (!last.copied) {
      last.bytes = Buffer.from(value);
      last.copied = true;
    }
    return last.text;
  }
  const text = value.toString();
  if (last) {
    last.bytes = value;
    last.text = text;
    last.copied = false;
  } else if (lastHeaderValues.size < maxRememberedHeaderNames) {
    lastHeaderValues.set(name, { bytes: value, text, copied: false });
  }
  return text;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return false;
  }
  return true;
}

export function incomingRecord(
  topic: string,
  partition: number,
  message: KafkaMessage,
): IncomingRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: headersOf(message),
    timestamp: Number(message.timestamp),
  };
}

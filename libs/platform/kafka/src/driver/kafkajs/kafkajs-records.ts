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
 * The last value read under each header name, when it was ASCII text. Header values repeat from
 * record to record (the event type, the producer, the trace context of records written
 * together); a value whose bytes spell the remembered text byte for byte reuses it instead of
 * decoding a string again. Only text of one character per byte is remembered: then matching
 * bytes are exactly that text (a byte that is not UTF-8 reads as U+FFFD, which no byte matches).
 * Nothing of the fetched bytes is kept.
 */
const lastHeaderTexts = new Map<string, string>();
const maxRememberedHeaderNames = 64;

function headerText(name: string, value: Buffer | string): string {
  if (typeof value === 'string') return value;
  const last = lastHeaderTexts.get(name);
  if (last !== undefined && spells(value, last)) return last;
  const text = value.toString();
  if (text.length === value.length) {
    if (last !== undefined || lastHeaderTexts.size < maxRememberedHeaderNames) {
      lastHeaderTexts.set(name, text);
    }
  } else if (last !== undefined) {
    lastHeaderTexts.delete(name);
  }
  return text;
}

/** Whether `bytes` are the ASCII text `text`, byte for character. */
function spells(bytes: Buffer, text: string): boolean {
  if (bytes.length !== text.length) return false;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] !== text.charCodeAt(index)) return false;
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

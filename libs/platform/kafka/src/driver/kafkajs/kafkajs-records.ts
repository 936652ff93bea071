import { CompressionTypes, type IHeaders, type KafkaMessage, type TopicMessages } from 'kafkajs';
import type { Compression, Headers, IncomingRecord, OutgoingRecord } from '../../port/broker-port';

export const compressionTypes: Readonly<Record<Compression, CompressionTypes>> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

/** Groups records by topic, keeping their order, as one kafkajs sendBatch request. */
export function topicMessages(records: readonly OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const record of records) {
    let entry = byTopic.get(record.topic);
    if (!entry) {
      entry = { topic: record.topic, messages: [] };
      byTopic.set(record.topic, entry);
    }
    entry.messages.push({
      key: record.key,
      value: record.value,
      headers: record.headers as IHeaders,
      partition: record.partition,
      timestamp: record.timestamp === undefined ? undefined : String(record.timestamp),
    });
  }
  return [...byTopic.values()];
}

function headersOf(message: KafkaMessage): Headers {
  const headers: Record<string, string> = {};
  const raw = message.headers;
  for (const name in raw) {
    const value = raw[name];
    // A header sent more than once: the last one counts.
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) headers[name] = last.toString();
  }
  return headers;
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

// The baselines: kafkajs used directly, as a team without this runtime would, with the
// runtime's producer settings (idempotent, acks=all, one request in flight) and the same bytes;
// K on kafkajs 2.2.4 as published, P on kafkajs as this project patches it (patches/).
import { performance } from 'node:perf_hooks';
import type { Kafka as KafkaClient, Message } from 'kafkajs';
import { MeasuredWindow } from '../measure/measured-window';
import { OpenLoopRun } from '../measure/open-loop-run';
import { timedSingleSends } from '../measure/timed-sends';
import type { CellResult, CellSpec } from './cell-spec';
import type { OutgoingRecord } from '@fieldline/platform-kafka';
import { observationCorpus, recordsOf } from './corpus';
import { pipelined, until } from './driving';
import { registryHost, runtimeOptions, sentAtHeader } from './cell-support';

function encodedCorpus(spec: CellSpec): Promise<OutgoingRecord[]> {
  return recordsOf(
    runtimeOptions(spec, { observations: spec.topic }),
    observationCorpus(spec.valueBytes),
  );
}

type KafkajsLibrary = typeof import('kafkajs');

/** Which kafkajs a cell runs on: the published package (K) or the patched one (P). */
function library(spec: CellSpec): KafkajsLibrary {
  // Required here, not imported: the bundle leaves both packages to node_modules.
  return spec.client === 'K'
    ? (require('kafkajs-published') as KafkajsLibrary)
    : (require('kafkajs') as KafkajsLibrary);
}

function kafka(spec: CellSpec): KafkaClient {
  const { Kafka, logLevel } = library(spec);
  return new Kafka({
    clientId: 'bench-kafkajs',
    brokers: [...spec.brokers],
    logLevel: logLevel.NOTHING,
  });
}

function producerOf(client: KafkaClient, transactionalId?: string) {
  return client.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    transactionalId,
  });
}

function messagesFrom(corpus: readonly OutgoingRecord[], from: number, count: number): Message[] {
  return Array.from({ length: count }, (_, index) => {
    const record = corpus[(from + index) % corpus.length] as OutgoingRecord;
    return { key: record.key, value: record.value, headers: record.headers };
  });
}

async function produce(spec: CellSpec): Promise<CellResult> {
  const corpus = await encodedCorpus(spec);
  const producer = producerOf(kafka(spec));
  await producer.connect();
  const send = (from: number, count: number) =>
    producer.send({ topic: spec.topic, acks: -1, messages: messagesFrom(corpus, from, count) });
  await send(0, spec.batchSize ?? 100);
  const window = new MeasuredWindow(registryHost(spec));
  window.start();
  await pipelined(spec.records, spec.batchSize ?? 100, send);
  const result = window.stop(spec.records, spec.valueBytes);
  await producer.disconnect();
  return result;
}

async function consume(spec: CellSpec): Promise<CellResult> {
  const consumer = kafka(spec).consumer({ groupId: spec.groupId as string });
  await consumer.connect();
  await consumer.subscribe({ topic: spec.topic, fromBeginning: true });
  const window = new MeasuredWindow(registryHost(spec));
  let consumed = 0;
  let result: CellResult | undefined;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      window.start();
      consumed += batch.messages.length;
      if (consumed >= spec.records && !result) result = window.stop(consumed, spec.valueBytes);
    },
  });
  await until(
    () => result !== undefined,
    300_000,
    () => `consumed ${consumed}/${spec.records}`,
  );
  await consumer.disconnect();
  return result as CellResult;
}

async function latency(spec: CellSpec): Promise<CellResult> {
  const corpus = await encodedCorpus(spec);
  const client = kafka(spec);
  const producer = producerOf(client);
  const consumer = client.consumer({ groupId: spec.groupId as string, maxWaitTimeInMs: 100 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: spec.topic, fromBeginning: true });
  const run = new OpenLoopRun(spec);
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = performance.now();
      for (const message of batch.messages) {
        run.received(message.headers?.[sentAtHeader]?.toString(), now);
      }
    },
  });
  await until(
    () => joined,
    60_000,
    () => 'the consumer never joined its group',
  );
  const result = await run.drive((first, intendedAt) => {
    const messages = messagesFrom(corpus, first, intendedAt.length).map((message, index) => ({
      ...message,
      headers: { ...message.headers, [sentAtHeader]: String(intendedAt[index]) },
    }));
    return producer.send({ topic: spec.topic, acks: -1, messages });
  });
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return result;
}

async function singleSend(spec: CellSpec): Promise<CellResult> {
  const corpus = await encodedCorpus(spec);
  const producer = producerOf(kafka(spec));
  await producer.connect();
  const send = (index: number) =>
    producer.send({ topic: spec.topic, acks: -1, messages: messagesFrom(corpus, index, 1) });
  const result = await timedSingleSends(spec, send);
  await producer.disconnect();
  return result;
}

/** Copies each input record to the output topic; `eos` does it in one transaction per batch. */
async function consumeTransformProduce(spec: CellSpec): Promise<CellResult> {
  const client = kafka(spec);
  const groupId = spec.groupId as string;
  const transactional = spec.variant === 'eos';
  const producer = producerOf(client, transactional ? `${groupId}.tx` : undefined);
  const consumer = client.consumer({ groupId });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: spec.topic, fromBeginning: true });
  const window = new MeasuredWindow(registryHost(spec));
  let handled = 0;
  let result: CellResult | undefined;
  await consumer.run({
    autoCommit: !transactional,
    eachBatchAutoResolve: !transactional,
    eachBatch: async ({ batch, resolveOffset }) => {
      window.start();
      const outputs = batch.messages.map(({ key, value, headers }) => ({ key, value, headers }));
      const record = { topic: spec.outputTopic as string, acks: -1, messages: outputs };
      if (transactional) {
        const transaction = await producer.transaction();
        await transaction.send(record);
        await transaction.sendOffsets({
          consumerGroupId: groupId,
          topics: [
            {
              topic: batch.topic,
              partitions: [
                { partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) },
              ],
            },
          ],
        });
        await transaction.commit();
        resolveOffset(batch.lastOffset());
      } else {
        await producer.send(record);
      }
      handled += outputs.length;
      if (handled >= spec.records && !result) result = window.stop(handled, spec.valueBytes);
    },
  });
  await until(
    () => result !== undefined,
    300_000,
    () => `handled ${handled}/${spec.records}`,
  );
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return result as CellResult;
}

export const kafkajsCells = {
  produce,
  consume,
  latency,
  'single-send': singleSend,
  ctp: consumeTransformProduce,
};

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordSchemas, type ObservationRecorded, type RegionKey } from '@fieldline/contracts';
import { AvroSerde, createRegistryClient, registerSubjects } from '@fieldline/platform-registry';
import { testEndpoints } from '@fieldline/testing';
import { freshTopic } from '../support/fresh-topic';
import { kafkaSession } from '../support/kafka';
import { observationRecordName, sampleObservation } from '../support/observations';
import { ensureInteropVenv, runInterop } from '../support/python-interop';

const recordName = observationRecordName;
const keyRecord = 'dev.fieldline.keys.RegionKey';

describe("records cross between Fieldline and Confluent's Python serializers (librdkafka + fastavro)", () => {
  const { kafkaBrokers, schemaRegistryUrl } = testEndpoints();
  const registry = createRegistryClient({ url: schemaRegistryUrl });
  const serde = new AvroSerde({ registry, readerSchemas: recordSchemas });
  const session = kafkaSession('python-interop');
  const common = ['--bootstrap', kafkaBrokers.join(','), '--registry', schemaRegistryUrl];

  beforeAll(() => ensureInteropVenv(), 600_000);
  afterAll(() => session.close());

  async function registeredTopic() {
    const topic = freshTopic('observations');
    const admin = await session.admin();
    await admin.createTopics({
      topics: [{ topic: topic.name, numPartitions: 3 }],
      waitForLeaders: true,
    });
    const outcomes = await registerSubjects(registry, [topic], recordSchemas);
    return { topic, schemaIds: outcomes.map((outcome) => outcome.schemaId) };
  }

  it('Python decodes what Fieldline produced', async () => {
    const { topic, schemaIds } = await registeredTopic();
    const sent = [
      sampleObservation({ regionId: 'north', value: 31.5, confidence: 0.5 }),
      sampleObservation({ regionId: 'south', value: 28.25, confidence: 0.5 }),
    ];
    const producer = await session.producer();
    await producer.send({
      topic: topic.name,
      messages: await Promise.all(
        sent.map(async (value) => ({
          key: await serde.encode(topic.key.subject, recordSchemas[keyRecord] as object, {
            regionId: value.regionId,
          }),
          value: await serde.encode(
            topic.values[0]?.subject ?? '',
            recordSchemas[recordName] as object,
            value,
          ),
        })),
      ),
    });

    const output = await runInterop(['consume', ...common, '--topic', topic.name, '--count', '2']);
    const received = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(received.map((record) => [record['keySchemaId'], record['valueSchemaId']])).toEqual([
      schemaIds,
      schemaIds,
    ]);
    const byRegion = (records: { regionId: string }[]) =>
      [...records].sort((a, b) => a.regionId.localeCompare(b.regionId));
    expect(byRegion(received.map((record) => record['value'] as ObservationRecorded))).toEqual(
      byRegion(sent),
    );
    expect(received.map((record) => (record['key'] as RegionKey).regionId).sort()).toEqual([
      'north',
      'south',
    ]);
  });

  it('Fieldline decodes what Python produced, under the same subjects and schema ids', async () => {
    const { topic, schemaIds } = await registeredTopic();
    const sent = [
      sampleObservation({ regionId: 'east', value: 12, confidence: 0.5 }),
      sampleObservation({ regionId: 'west', value: 14.5, confidence: 0.5 }),
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-interop-'));
    try {
      const file = (name: string, content: string) => {
        fs.writeFileSync(path.join(dir, name), content);
        return path.join(dir, name);
      };
      await runInterop([
        'produce',
        ...common,
        '--topic',
        topic.name,
        '--key-schema',
        file('key.avsc', JSON.stringify(recordSchemas[keyRecord])),
        '--value-schema',
        file('value.avsc', JSON.stringify(recordSchemas[recordName])),
        '--records',
        file(
          'records.jsonl',
          sent
            .map((value) => JSON.stringify({ key: { regionId: value.regionId }, value }))
            .join('\n'),
        ),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const consumed = await session.consumeAll(topic.name, `${topic.name}-reader`, 2);
    const decoded = await Promise.all(
      consumed.map(async ({ partition, message }) => {
        const location = { topic: topic.name, partition, offset: message.offset };
        const key = await serde.decode<RegionKey>(message.key, location);
        const value = await serde.decode<ObservationRecorded>(message.value, location);
        return { key, value };
      }),
    );
    expect(decoded.map(({ key, value }) => [key.schemaId, value.schemaId])).toEqual([
      schemaIds,
      schemaIds,
    ]);
    const values = decoded
      .map(({ value }) => value.value)
      .sort((a, b) => a.regionId.localeCompare(b.regionId));
    expect(values).toEqual([...sent].sort((a, b) => a.regionId.localeCompare(b.regionId)));
    expect(decoded.every(({ key, value }) => key.value.regionId === value.value.regionId)).toBe(
      true,
    );
  });
});

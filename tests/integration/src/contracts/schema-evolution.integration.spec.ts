import { recordSchemas, topicCatalog } from '@fieldline/contracts';
import { AvroSerde, createRegistryClient } from '@fieldline/platform-registry';
import { testEndpoints, uniqueName } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';
import { observationRecordName, sampleObservation } from '../support/observations';
import { releasedSchema } from '../support/released-schemas';

const recordName = observationRecordName;
const v1 = releasedSchema(recordName, 1);
const v2 = recordSchemas[recordName] as object;

describe('ObservationRecorded v1 and v2 interoperate through the real registry and broker', () => {
  const session = kafkaSession('schema-evolution');
  const registry = createRegistryClient({ url: testEndpoints().schemaRegistryUrl });
  afterAll(() => session.close());

  it('a v1 consumer reads v2 records and a v2 consumer reads v1 records', async () => {
    const topic = uniqueName('observations');
    const subject = `${topic}-${recordName}`;
    await session.createTopic(topic, 1);
    await registry.setCompatibility(subject, topicCatalog.observations.compatibility);

    // Each side knows only its own version of the contract.
    const v1Build = new AvroSerde({
      registry,
      readerSchemas: { [recordName]: v1 },
      autoRegister: true,
    });
    const v2Build = new AvroSerde({
      registry,
      readerSchemas: { [recordName]: v2 },
      autoRegister: true,
    });

    const producer = await session.producer();
    await producer.send({
      topic,
      messages: [
        { value: await v1Build.encode(subject, v1, sampleObservation()) },
        {
          value: await v2Build.encode(subject, v2, sampleObservation({ confidence: 0.9 })),
        },
      ],
    });
    const versions = await registry.versions(subject);
    expect(versions.map((entry) => entry.version)).toEqual([1, 2]);

    const consumed = await session.consumeAll(topic, uniqueName('readers'), 2);
    const read = async (build: AvroSerde, index: number) => {
      const record = consumed[index];
      if (!record) throw new Error(`record ${index} was not consumed`);
      const { partition, message } = record;
      const decoded = await build.decode<Record<string, unknown>>(message.value, {
        topic,
        partition,
        offset: message.offset,
      });
      return decoded.value;
    };

    // v2 reads v1: the field v1 never wrote takes its default.
    const v1RecordAsV2 = await read(v2Build, 0);
    expect(v1RecordAsV2).toMatchObject({ source: 'station-7', value: 0.75 });
    expect(v1RecordAsV2).toHaveProperty('confidence', null);

    // v2 reads v2: nothing lost.
    expect(await read(v2Build, 1)).toHaveProperty('confidence', 0.9);

    // v1 reads v2: the field it does not know is dropped, everything else is intact.
    const v2RecordAsV1 = await read(v1Build, 1);
    expect(v2RecordAsV1).toMatchObject({
      regionId: 'region-north',
      attributes: { elevation: '12m' },
    });
    expect(v2RecordAsV1).not.toHaveProperty('confidence');
  });
});

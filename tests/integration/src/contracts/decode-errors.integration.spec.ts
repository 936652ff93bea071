import { recordSchemas } from '@fieldline/contracts';
import { AvroSerde, DecodeError, createRegistryClient, frame } from '@fieldline/platform-registry';
import { isRetriable } from '@fieldline/shared-errors';
import { testEndpoints, uniqueName } from '@fieldline/testing';
import { kafkaSession } from '../support/kafka';

const keyRecord = 'dev.fieldline.keys.RegionKey';

describe('records that cannot be decoded give typed, non-retriable errors with their location', () => {
  const session = kafkaSession('decode-errors');
  const registry = createRegistryClient({ url: testEndpoints().schemaRegistryUrl });
  afterAll(() => session.close());

  it('names topic, partition, offset and reason for corrupt bytes, a wrong magic byte and an unknown id', async () => {
    const topic = uniqueName('poison');
    const subject = `${topic}-key`;
    await session.createTopic(topic, 1);
    const serde = new AvroSerde({ registry, readerSchemas: recordSchemas, autoRegister: true });
    const valid = await serde.encode(subject, recordSchemas[keyRecord] as object, {
      regionId: 'r-1',
    });
    const schemaId = valid.readUInt32BE(1);

    const producer = await session.producer();
    await producer.send({
      topic,
      messages: [
        // A string length prefix claiming far more bytes than follow.
        { value: frame(schemaId, Buffer.from([0x7e, 0x61])) },
        { value: Buffer.from('{"regionId":"r-1"}') },
        { value: frame(2_000_000_000, Buffer.from([0x02, 0x61])) },
        { value: valid },
      ],
    });

    const consumed = await session.consumeAll(topic, uniqueName('dlq-check'), 4);
    const outcomes = await Promise.all(
      consumed.map(async ({ partition, message }) => {
        try {
          return await serde.decode(message.value, { topic, partition, offset: message.offset });
        } catch (error) {
          return error;
        }
      }),
    );

    const expectations = [
      { code: 'DECODE_FAILED', reason: `does not match writer schema id ${schemaId}` },
      { code: 'DECODE_FAILED', reason: 'magic byte is 123, expected 0' },
      { code: 'UNKNOWN_SCHEMA', reason: 'schema id 2000000000 is unknown to the registry' },
    ];
    expectations.forEach(({ code, reason }, index) => {
      const error = outcomes[index];
      const offset = consumed[index]?.message.offset;
      expect(error).toBeInstanceOf(DecodeError);
      expect(error).toMatchObject({
        code,
        location: { topic, partition: 0, offset },
      });
      expect((error as DecodeError).message).toContain(`${topic}[0]@${offset}`);
      expect((error as DecodeError).message).toContain(reason);
      expect(isRetriable(error)).toBe(false);
    });
    // The poison records do not stop the good one behind them.
    expect(outcomes[3]).toMatchObject({ recordName: keyRecord, value: { regionId: 'r-1' } });
  });
});

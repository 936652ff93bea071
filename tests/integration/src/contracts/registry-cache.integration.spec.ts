import { recordSchemas } from '@fieldline/contracts';
import { AvroSerde, createRegistryClient, frame } from '@fieldline/platform-registry';
import { FieldlineError, isRetriable } from '@fieldline/shared-errors';
import { testEndpoints, uniqueName } from '@fieldline/testing';
import { startRegistryProxy } from '../support/registry-proxy';

const keyRecord = 'dev.fieldline.keys.RegionKey';
const keySchema = recordSchemas[keyRecord] as object;

describe('the serde caches schemas per id', () => {
  it('makes no registry call in steady state and keeps decoding known schemas through an outage', async () => {
    const subject = `${uniqueName('cache')}-key`;
    const writer = new AvroSerde({
      registry: createRegistryClient({ url: testEndpoints().schemaRegistryUrl }),
      autoRegister: true,
    });
    const records = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        writer.encode(subject, keySchema, { regionId: `r-${index}` }),
      ),
    );

    const proxy = await startRegistryProxy(testEndpoints().schemaRegistryUrl);
    const reader = new AvroSerde({
      registry: createRegistryClient({ url: proxy.url, maxRetryTimeSeconds: 1 }),
      readerSchemas: recordSchemas,
    });
    const location = (offset: number) => ({
      topic: 'cache-test',
      partition: 0,
      offset: String(offset),
    });
    for (const [offset, record] of records.entries()) {
      await reader.decode(record, location(offset));
    }
    expect(proxy.requests.filter((line) => line.includes('/schemas/ids/'))).toHaveLength(1);

    await proxy.cut();
    const decoded = await reader.decode(records[7], location(7));
    expect(decoded.value).toEqual({ regionId: 'r-7' });

    // A schema it has never seen needs the registry: retriable, not a poison record.
    const knownId = writtenSchemaId(records);
    const unseen = frame(knownId + 1_000_000, Buffer.from([0x02, 0x61]));
    const error = await reader.decode(unseen, location(200)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FieldlineError);
    expect(error).toMatchObject({ code: 'REGISTRY_UNAVAILABLE' });
    expect(isRetriable(error)).toBe(true);
  });
});

function writtenSchemaId(records: readonly Buffer[]): number {
  const [first] = records;
  if (!first) throw new Error('no records were written');
  return first.readUInt32BE(1);
}

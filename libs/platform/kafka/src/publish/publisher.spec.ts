import { AvroSerde } from '@fieldline/platform-registry';
import { FieldlineError } from '@fieldline/shared-errors';
import { RecordsRefused, type OutgoingRecord, type ProducerPort } from '../port/broker-port';
import { memoryRegistry } from '../testing/memory-registry';
import { samplePattern } from '../testing/sample-events';
import { TopicNames } from '../topics/topic-names';
import { EventWriter, type BatchEntry } from './event-writer';
import { Publisher } from './publisher';

/** A publisher on `producer`, registering schemas in memory. */
function publisherOn(producer: ProducerPort): Publisher {
  const writer = new EventWriter(
    new AvroSerde({ registry: memoryRegistry().registry, autoRegister: true }),
    new TopicNames(),
    'publisher-test',
  );
  return new Publisher(producer, writer, { lingerMs: 0, batchBytes: 1_048_576 });
}

const entries: BatchEntry<'patterns'>[] = ['a', 'b', 'c'].map((id) => ({
  key: { regionId: 'region-1' },
  event: samplePattern(id),
  options: { eventId: id },
}));

describe('Publisher.publishEach', () => {
  it('reports every event failed, with the reason, when the producer cannot connect', async () => {
    const unreachable = new FieldlineError('BROKER_UNAVAILABLE', 'no broker answers');
    const producer: ProducerPort = {
      connect: async () => {
        throw unreachable;
      },
      disconnect: async () => undefined,
      send: async () => [],
    };
    const invalid = { ...entries[1], event: { ...samplePattern('b'), strength: 'x' as never } };
    const outcome = await publisherOn(producer).publishEach('patterns', [
      entries[0] as BatchEntry<'patterns'>,
      invalid as BatchEntry<'patterns'>,
      entries[2] as BatchEntry<'patterns'>,
    ]);
    expect(outcome.published).toEqual([undefined, undefined, undefined]);
    expect(outcome.failures.map(({ index }) => index)).toEqual([0, 1, 2]);
    expect(outcome.failures[0]?.error).toBe(unreachable);
    expect(outcome.failures[1]?.error).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('reports exactly the events Kafka did not write, in order, and the others written', async () => {
    const sent: string[][] = [];
    const producer: ProducerPort = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (records: readonly OutgoingRecord[]) => {
        sent.push(records.map((record) => record.headers['fieldline-event-id'] as string));
        if (records.length === 3) throw new RecordsRefused('refused', { unwritten: [1] });
        return [];
      },
    };
    const outcome = await publisherOn(producer).publishEach('patterns', entries);
    expect(outcome.published.map((event) => event?.eventId)).toEqual(['a', undefined, 'c']);
    expect(outcome.failures).toEqual([{ index: 1, error: expect.any(RecordsRefused) }]);
    expect(sent).toEqual([['a', 'b', 'c']]);
  });
});

import { recordSchemas } from '@fieldline/contracts';
import { AvroSerde } from '@fieldline/platform-registry';
import { Type } from 'avsc';
import { memoryRegistry } from '../testing/memory-registry';
import { samplePattern } from '../testing/sample-events';
import { TopicNames } from '../topics/topic-names';
import { EventWriter, type BatchEntry } from './event-writer';

const patternType = 'dev.fieldline.patterns.PatternDetected';

const writer = () =>
  new EventWriter(
    new AvroSerde({ registry: memoryRegistry().registry, autoRegister: true }),
    new TopicNames(),
    'writer-test',
  );

/** The Avro body of a wire-format value, decoded with the contract's schema. */
const decoded = (value: Buffer | null) =>
  Type.forSchema(recordSchemas[patternType] as never).fromBuffer(
    (value as Buffer).subarray(5),
  ) as Record<string, unknown> & { envelope: Record<string, unknown> };

describe('EventWriter', () => {
  it("writes the event's fields under the envelope it stamps, and leaves the event as it was", async () => {
    // A handler passing on an event as it received it: frozen, with the envelope it came with.
    const received = Object.freeze({
      ...samplePattern('p-1'),
      envelope: { eventId: 'earlier', eventType: patternType },
    });
    const { record } = await writer().prepare('patterns', { regionId: 'region-1' }, received, {
      eventId: 'now',
      correlationId: 'c-1',
    });
    expect(decoded(record.value)).toMatchObject({
      patternId: 'p-1',
      evidenceIds: ['e-1'],
      envelope: { eventId: 'now', correlationId: 'c-1', producer: 'writer-test' },
    });
    expect(received.envelope).toEqual({ eventId: 'earlier', eventType: patternType });
    expect(record.headers).toMatchObject({ 'fieldline-event-id': 'now' });
  });

  it('prepares each event of a batch on its own: an invalid one fails alone, in its place', async () => {
    const entries: BatchEntry<'patterns'>[] = [
      { key: { regionId: 'region-1' }, event: samplePattern('a'), options: { eventId: 'a' } },
      {
        key: { regionId: 'region-1' },
        event: { ...samplePattern('b'), strength: 'strong' as never },
        options: { eventId: 'b' },
      },
      { key: { regionId: 'region-1' }, event: samplePattern('c'), options: { eventId: 'c' } },
    ];
    const cold = await writer().prepareEach('patterns', entries);
    const ready = writer();
    await ready.prepare('patterns', { regionId: 'region-1' }, samplePattern('warm'));
    const warm = await ready.prepareEach('patterns', entries);
    for (const prepared of [cold, warm]) {
      expect(
        prepared.map((entry) => ('error' in entry ? 'failed' : entry.published.eventId)),
      ).toEqual(['a', 'failed', 'c']);
      expect(prepared[1]).toMatchObject({
        error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('strength') },
      });
    }
  });

  it('refuses an event of another topic, naming what the topic carries', async () => {
    await expect(
      writer().prepare('field-states', { regionId: 'region-1' }, samplePattern('x') as never),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('is not an event of topic field-states'),
    });
  });
});

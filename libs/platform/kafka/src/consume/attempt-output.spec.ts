import { AvroSerde, type RegistryClient } from '@fieldline/platform-registry';
import { memoryRegistry } from '../testing/memory-registry';
import { samplePattern } from '../testing/sample-events';
import { EventWriter, type OutgoingEvent } from '../publish/event-writer';
import { TopicNames } from '../topics/topic-names';
import { AttemptOutput } from './attempt-output';

const key = { regionId: 'region-1' };

function writerWith(registry: RegistryClient, maxRecordBytes?: number) {
  return new EventWriter(
    new AvroSerde({ registry, autoRegister: true }),
    new TopicNames(),
    'test',
    maxRecordBytes,
  );
}

async function eventIdsOf(output: AttemptOutput) {
  return ((await output.outputs()) ?? []).map((record) => record.headers['fieldline-event-id']);
}

describe('AttemptOutput', () => {
  it('keeps what the attempt published, in order, waiting for a schema not registered yet', async () => {
    const output = new AttemptOutput(writerWith(memoryRegistry().registry), { ended: false });
    // The first publishes wait for the registry; the handler does not await them.
    void output.publish('patterns', key, samplePattern('a'), { eventId: 'a' });
    void output.publish('patterns', key, samplePattern('b'), { eventId: 'b' });
    expect(await eventIdsOf(output)).toEqual(['a', 'b']);
  });

  it('names the event it was given as the cause of what it publishes, unless told otherwise', async () => {
    const output = new AttemptOutput(
      writerWith(memoryRegistry().registry),
      { ended: false },
      { eventId: 'handled-1', correlationId: 'flow-1' },
    );
    await output.publish('patterns', key, samplePattern('a'), { eventId: 'a' });
    await output.publish('patterns', key, samplePattern('b'), {
      eventId: 'b',
      causationId: undefined,
      correlationId: 'flow-2',
    });
    await output.publish('patterns', key, samplePattern('c'), { eventId: 'c', causationId: null });
    const identities = ((await output.outputs()) ?? []).map((record) => [
      record.headers['fieldline-causation-id'],
      record.headers['fieldline-correlation-id'],
    ]);
    expect(identities).toEqual([
      ['handled-1', 'flow-1'],
      ['handled-1', 'flow-2'],
      [undefined, 'flow-1'],
    ]);
  });

  it('has nothing to write for an attempt that published nothing', () => {
    const output = new AttemptOutput(writerWith(memoryRegistry().registry), { ended: false });
    expect(output.outputs()).toBeUndefined();
  });

  it('rejects a publish after its attempt ended and keeps nothing from it', async () => {
    const attempt = { ended: false };
    const output = new AttemptOutput(writerWith(memoryRegistry().registry), attempt);
    attempt.ended = true;
    await expect(output.publish('patterns', key, samplePattern('late'))).rejects.toMatchObject({
      code: 'PERMANENT_FAILURE',
    });
    expect(output.outputs()).toBeUndefined();
  });

  it('fails the record, not only the handler, when the registry cannot be reached', async () => {
    const { registry, state } = memoryRegistry();
    state.down = true;
    const output = new AttemptOutput(writerWith(registry), { ended: false });
    void output.publish('patterns', key, samplePattern('a')).catch(() => undefined);
    await expect(output.outputs()).rejects.toMatchObject({ code: 'REGISTRY_UNAVAILABLE' });
  });

  it('rejects an invalid event to the handler and writes nothing for it', async () => {
    const output = new AttemptOutput(writerWith(memoryRegistry().registry), { ended: false });
    await output.publish('patterns', key, samplePattern('a'), { eventId: 'a' });
    const invalid = {
      ...samplePattern('b'),
      strength: 'strong',
    } as unknown as OutgoingEvent<'patterns'>;
    await expect(output.publish('patterns', key, invalid)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await eventIdsOf(output)).toEqual(['a']);
  });

  it.each([
    ['waiting for the registry', false],
    ['with every schema registered', true],
  ])(
    'rejects an event over the record size limit to the handler, %s, and writes nothing for it',
    async (_case, warm) => {
      const writer = writerWith(memoryRegistry().registry, 2_000);
      if (warm)
        await new AttemptOutput(writer, { ended: false }).publish(
          'patterns',
          key,
          samplePattern('w'),
        );
      const output = new AttemptOutput(writer, { ended: false });
      await output.publish('patterns', key, samplePattern('a'), { eventId: 'a' });
      const large = {
        ...samplePattern('b'),
        evidenceIds: Array.from({ length: 400 }, (_, i) => `e-${i}`),
      };
      await expect(output.publish('patterns', key, large)).rejects.toMatchObject({
        code: 'PUBLISH_REJECTED',
        retriable: false,
        message: expect.stringMatching(
          /PatternDetected event for patterns is \d+ bytes .* over the 2000-byte limit/,
        ),
      });
      expect(await eventIdsOf(output)).toEqual(['a']);
    },
  );

  it('has the outputs ready at once when every schema is registered', async () => {
    const writer = writerWith(memoryRegistry().registry);
    await new AttemptOutput(writer, { ended: false }).publish(
      'patterns',
      key,
      samplePattern('warm'),
    );
    const output = new AttemptOutput(writer, { ended: false });
    await output.publish('patterns', key, samplePattern('a'), { eventId: 'a' });
    const outputs = output.outputs();
    expect(outputs).not.toBeInstanceOf(Promise);
    expect(await eventIdsOf(output)).toEqual(['a']);
  });
});

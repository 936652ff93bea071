import type { AvroSerde } from '@fieldline/platform-registry';
import type { AdminPort, BatchControl, IncomingBatch } from '../port/broker-port';
import { TopicNames } from '../topics/topic-names';
import { PartitionStates, type PartitionStateStore } from './partition-state';

function setup(options: { checkpoint?: string; logStart?: string; checkpointedAsOf?: string }) {
  const calls: string[] = [];
  const sought: string[] = [];
  const store: PartitionStateStore = {
    restore: async (p) => {
      calls.push(`restore ${p.topic}/${p.partition}`);
      return options.checkpoint;
    },
    replay: (record) => calls.push(`replay ${record.offset}`),
    committed: (_p, next) => calls.push(`checkpoint ${next}`),
    drop: (p) => calls.push(`drop ${p.topic}/${p.partition}`),
    discard: async (p, committed) => {
      calls.push(`discard ${p.topic}/${p.partition} ahead of ${committed ?? 'nothing'}`);
    },
    checkpointedAsOf: () => options.checkpointedAsOf,
    checkpoint: async (_p, next) => {
      calls.push(`final checkpoint ${next}`);
    },
  };
  const admin = {
    watermarks: async () => [{ partition: 1, low: options.logStart ?? '0', high: '100' }],
  } as unknown as AdminPort;
  const serde = {
    decode: async () => ({
      recordName: 'dev.fieldline.observations.ObservationRecorded',
      value: {},
    }),
  } as unknown as AvroSerde;
  const states = new PartitionStates(store, {
    admin,
    serde,
    topics: new TopicNames(),
    log: () => undefined,
  });
  const control = {
    seek: (offset: string) => sought.push(offset),
    heartbeat: async () => undefined,
  } as unknown as BatchControl;
  const batch = (from: number, count: number): IncomingBatch => ({
    topic: 'observations',
    partition: 1,
    highWatermark: '100',
    records: Array.from({ length: count }, (_, i) => ({
      offset: String(from + i),
      key: null,
      value: Buffer.alloc(0),
      headers: {},
      timestamp: 0,
      partition: 1,
      topic: 'observations',
    })) as unknown as IncomingBatch['records'],
  });
  return { states, calls, sought, control, batch };
}

describe('PartitionStates', () => {
  const fenced = (committedOffset?: string, committedMetadata?: string) => ({
    committedOffset,
    committedMetadata,
  });
  const p1 = { topic: 'observations', partition: 1 };

  it('starts afresh when the group never committed, dropping any checkpoint', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '7' });
    expect(await states.prepare(batch(0, 3), control, fenced())).toBe(true);
    expect(calls).toEqual([
      'restore observations/1',
      'drop observations/1',
      'discard observations/1 ahead of nothing',
    ]);
  });

  it('is ready at once when the checkpoint is as of the committed offset', async () => {
    const { states, sought, control, batch } = setup({ checkpoint: '20' });
    expect(await states.prepare(batch(20, 3), control, fenced('20'))).toBe(true);
    expect(sought).toEqual([]);
  });

  it('replays from the checkpoint up to the committed offset, then hands over', async () => {
    const { states, calls, sought, control, batch } = setup({ checkpoint: '10' });
    expect(await states.prepare(batch(20, 5), control, fenced('20'))).toBe(false);
    expect(sought).toEqual(['10']);
    expect(await states.prepare(batch(10, 5), control)).toBe(false);
    expect(await states.prepare(batch(15, 10), control)).toBe(false);
    expect(sought).toEqual(['10', '15', '20']);
    expect(calls.filter((call) => call.startsWith('replay'))).toEqual(
      Array.from({ length: 10 }, (_, i) => `replay ${10 + i}`),
    );
    expect(await states.prepare(batch(20, 5), control)).toBe(true);
  });

  it.each([
    ['no checkpoint', undefined],
    ['a checkpoint ahead of the committed offset', '30'],
  ])('rebuilds from the start of the log with %s', async (_case, checkpoint) => {
    const { states, sought, control, batch } = setup({ checkpoint, logStart: '4' });
    expect(await states.prepare(batch(20, 5), control, fenced('20'))).toBe(false);
    expect(sought).toEqual(['4']);
  });

  it('deletes a checkpoint ahead of the committed offset, so newer ones can replace it', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '30', logStart: '4' });
    await states.prepare(batch(20, 5), control, fenced('20'));
    expect(calls).toEqual([
      'restore observations/1',
      'drop observations/1',
      'discard observations/1 ahead of 20',
    ]);
  });

  it('keeps a state that is exactly as of the committed offset when fenced again (a rebalance)', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '20' });
    await states.prepare(batch(20, 3), control, fenced('20'));
    for (const offset of ['20', '21', '22']) states.applied(p1, offset);
    expect(await states.prepare(batch(23, 1), control, fenced('23'))).toBe(true);
    expect(calls).toEqual(['restore observations/1']);
  });

  it('rebuilds a state ahead of the committed offset (its transaction was aborted)', async () => {
    const { states, calls, sought, control, batch } = setup({ checkpoint: '20' });
    await states.prepare(batch(20, 3), control, fenced('20'));
    for (const offset of ['20', '21', '22']) states.applied(p1, offset);
    expect(await states.prepare(batch(21, 2), control, fenced('21'))).toBe(false);
    expect(calls).toEqual([
      'restore observations/1',
      'drop observations/1',
      'restore observations/1',
    ]);
    expect(sought).toEqual(['20']);
  });

  it('starts a replay over when the partition is fenced again half way through it', async () => {
    const { states, calls, sought, control, batch } = setup({ checkpoint: '10' });
    await states.prepare(batch(20, 5), control, fenced('20'));
    await states.prepare(batch(10, 5), control);
    expect(await states.prepare(batch(15, 5), control, fenced('20'))).toBe(false);
    expect(calls.filter((call) => !call.startsWith('replay'))).toEqual([
      'restore observations/1',
      'drop observations/1',
      'restore observations/1',
    ]);
    expect(sought.at(-1)).toBe('10');
  });

  it('passes a commit on only when the state is exactly as of it', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '20' });
    await states.prepare(batch(20, 3), control, fenced('20'));
    states.applied(p1, '20');
    states.applied(p1, '21');
    states.committed(p1, '21');
    states.committed(p1, '22');
    states.invalidate(p1);
    states.committed(p1, '22');
    expect(calls).toEqual(['restore observations/1', 'checkpoint 22', 'drop observations/1']);
  });

  it('leaves the records committed as dead-lettered out of a rebuild', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '10' });
    const metadata = 'fieldline.dead-lettered:4,12-13,15';
    expect(await states.prepare(batch(20, 5), control, fenced('17', metadata))).toBe(false);
    await states.prepare(batch(10, 10), control);
    expect(calls.filter((call) => call.startsWith('replay'))).toEqual(
      ['10', '11', '14', '16'].map((offset) => `replay ${offset}`),
    );
    // Offsets before the checkpoint are never replayed again: the next commit leaves them out.
    expect(states.offsetMetadata(p1)).toBe('fieldline.dead-lettered:12-13,15');
  });

  it('keeps a state a failed handler may have touched from any checkpoint, until it is rebuilt', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '20' });
    await states.prepare(batch(20, 3), control, fenced('20'));
    states.applied(p1, '20');
    expect(states.deadLetteredRecord(p1, '21', true)).toBe(true);
    states.applied(p1, '21');
    states.committed(p1, '22');
    expect(calls).toEqual(['restore observations/1']);
    expect(states.offsetMetadata(p1)).toBe('fieldline.dead-lettered:21');
    await expect(states.prepare(batch(22, 1), control)).rejects.toThrow('was never fenced');
    states.invalidate(p1);
    expect(
      await states.prepare(batch(22, 1), control, fenced('22', 'fieldline.dead-lettered:21')),
    ).toBe(false);
    expect(calls).toEqual([
      'restore observations/1',
      'drop observations/1',
      'restore observations/1',
    ]);
  });

  it('names a record that failed before its handler ran, and goes on with the state', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '20' });
    await states.prepare(batch(20, 3), control, fenced('20'));
    expect(states.deadLetteredRecord(p1, '20', false)).toBe(false);
    states.applied(p1, '20');
    states.committed(p1, '21');
    expect(calls).toEqual(['restore observations/1', 'checkpoint 21']);
    expect(states.offsetMetadata(p1)).toBe('fieldline.dead-lettered:20');
  });

  it('stops naming dead-lettered records once a stored checkpoint is past them', async () => {
    const { states, control, batch } = setup({ checkpoint: '20', checkpointedAsOf: '22' });
    await states.prepare(batch(20, 3), control, fenced('20', 'fieldline.dead-lettered:20,23'));
    states.deadLetteredRecord(p1, '21', false);
    expect(states.offsetMetadata(p1)).toBe('fieldline.dead-lettered:20-21,23');
    states.committed(p1, '22');
    expect(states.offsetMetadata(p1)).toBe('fieldline.dead-lettered:23');
  });

  it('checkpoints, once stopped, only a state that is exactly as of what it committed', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '20' });
    // Fenced at 20 with nothing handled since: as of the group's committed offset.
    await states.prepare(batch(20, 3), control, fenced('20'));
    await states.checkpointAll();
    states.applied(p1, '20');
    states.applied(p1, '21');
    states.committed(p1, '22');
    // Handled past the last commit (its transaction never committed): not true for anyone.
    states.applied(p1, '22');
    await states.checkpointAll();
    states.committed(p1, '23');
    await states.checkpointAll();
    expect(calls.filter((call) => call.startsWith('final'))).toEqual([
      'final checkpoint 20',
      'final checkpoint 23',
    ]);
  });

  it('refuses to handle a partition it never saw fenced', async () => {
    const { states, control, batch } = setup({});
    await expect(states.prepare(batch(0, 1), control)).rejects.toThrow('was never fenced');
  });

  it('drops the state of partitions that were not assigned again', async () => {
    const { states, calls, control, batch } = setup({ checkpoint: '20' });
    await states.prepare(batch(20, 3), control, fenced('20'));
    states.assigned([p1]);
    expect(calls).not.toContain('drop observations/1');
    states.assigned([{ topic: 'observations', partition: 2 }]);
    expect(calls).toContain('drop observations/1');
  });
});

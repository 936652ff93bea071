import { DeadLetteredOffsets } from './dead-lettered-offsets';

function offsets(...values: number[]): DeadLetteredOffsets {
  const set = new DeadLetteredOffsets();
  for (const value of values) set.add(String(value));
  return set;
}

describe('DeadLetteredOffsets', () => {
  it.each([
    [[], undefined],
    [[7], 'fieldline.dead-lettered:7'],
    [[3, 4, 5, 9], 'fieldline.dead-lettered:3-5,9'],
    [[9, 3, 5, 4], 'fieldline.dead-lettered:3-5,9'],
    [[1, 3, 2, 2], 'fieldline.dead-lettered:1-3'],
  ])('commits %j as %s', (values, metadata) => {
    expect(offsets(...values).toMetadata()).toBe(metadata);
  });

  it('reads back what it committed', () => {
    const read = DeadLetteredOffsets.parse(offsets(3, 4, 5, 9, 12).toMetadata());
    expect(['2', '3', '5', '6', '9', '12', '13'].map((offset) => read.has(offset))).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it.each([undefined, '', 'committed by a tool', 'fieldline.dead-lettered:x-1,4-'])(
    'names no offset in metadata it did not write: %j',
    (metadata) => {
      expect(DeadLetteredOffsets.parse(metadata).toMetadata()).toBeUndefined();
    },
  );

  it('forgets offsets a checkpoint has moved past', () => {
    const set = offsets(3, 4, 5, 9);
    set.dropBefore('5');
    expect(set.toMetadata()).toBe('fieldline.dead-lettered:5,9');
    set.dropBefore('10');
    expect(set.toMetadata()).toBeUndefined();
  });

  it('leaves out the oldest ranges rather than write metadata Kafka would refuse', () => {
    const set = offsets(...Array.from({ length: 1_000 }, (_, index) => 1_000_000 + index * 2));
    const metadata = set.toMetadata() as string;
    expect(metadata.length).toBeLessThan(4_096);
    expect(set.overflowed).toBeGreaterThan(0);
    expect(metadata.endsWith(',1001998')).toBe(true);
    expect(set.has('1000000')).toBe(true);
  });
});

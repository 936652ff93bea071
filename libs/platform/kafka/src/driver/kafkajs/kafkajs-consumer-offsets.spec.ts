// The consumer's offset arithmetic as patched (patches/kafkajs+2.2.4.patch): plain numbers
// while offsets are safe integers, kafkajs' Long past them. Each answer must be the one
// kafkajs 2.2.4 as published gives.
import { fetchedBatch, fetchedMessage, type FetchedBatch } from './kafkajs-protocol';

type Resolve = (this: object, input: { topic: string; partition: number; offset: unknown }) => void;

type ProcessEachBatch = (this: object, batch: FetchedBatch) => Promise<void>;
const processEachBatchOf = (root: string) =>
  (require(`${root}/src/consumer/runner`) as { prototype: { processEachBatch: ProcessEachBatch } })
    .prototype.processEachBatch;

const resolveOf = (root: string) =>
  (require(`${root}/src/consumer/offsetManager`) as { prototype: { resolveOffset: Resolve } })
    .prototype.resolveOffset;

describe("the consumer's offsets, as patched, against kafkajs 2.2.4 as published", () => {
  it.each([
    ['small', '5', ['3', '4', '5', '6', '70']],
    // Text would compare these the other way round.
    ['of more digits than the fetched offset', '10', ['9', '10', '100']],
    ['of fewer digits than later ones', '99', ['98', '99', '100', '1000']],
    ['past 2^53', '9007199254740993', ['9007199254740992', '9007199254740993', '9007199254740994']],
    [
      'just under 2^53',
      '9007199254740991',
      ['9007199254740990', '9007199254740991', '9007199254740992'],
    ],
  ])('keep the fetched messages at or after the fetched offset (%s)', (_, fetched, offsets) => {
    const kept = (root: 'kafkajs' | 'kafkajs-published') =>
      fetchedBatch(
        0,
        fetched,
        offsets.map((offset) => fetchedMessage(offset)),
        root,
      ).messages.map((message) => message.offset);
    expect(kept('kafkajs')).toEqual(kept('kafkajs-published'));
    expect(kept('kafkajs')).toEqual(offsets.filter((offset) => BigInt(offset) >= BigInt(fetched)));
  });

  it.each(['0', '41', '-1', '9007199254740990', '9007199254740991', '9007199254740993', 17])(
    'resolve %p to the offset after it',
    (offset) => {
      const resolved = (root: string) => {
        const manager = { resolvedOffsets: { t: {} as Record<number, string> } };
        resolveOf(root).call(manager, { topic: 't', partition: 0, offset });
        return manager.resolvedOffsets.t[0];
      };
      expect(resolved('kafkajs')).toBe(resolved('kafkajs-published'));
      expect(resolved('kafkajs')).toBe(String(BigInt(offset) + 1n));
    },
  );

  it.each([
    ['its last record', ['8', '9'], '10', '9', '10'],
    ['its last record, named by a number', ['8', '9'], '10', 9, '10'],
    ['an earlier record', ['8', '9'], '10', '8', '8'],
    [
      'its last record, past 2^53',
      ['9007199254740993'],
      '9007199254740994',
      '9007199254740993',
      '9007199254740994',
    ],
  ])(
    'resolve the commit marker after a batch when eachBatch resolves %s',
    async (_, records, marker, resolving, expected) => {
      const resolvedThrough = async (root: 'kafkajs' | 'kafkajs-published') => {
        const resolved: string[] = [];
        const messages = [
          ...records.map((offset) => fetchedMessage(offset)),
          fetchedMessage(marker, true),
        ];
        const runner = {
          eachBatchAutoResolve: false,
          eachBatch: async ({ resolveOffset }: { resolveOffset(offset: unknown): void }) =>
            resolveOffset(resolving),
          consumerGroup: {
            resolveOffset: ({ offset }: { offset: unknown }) => void resolved.push(String(offset)),
          },
        };
        await processEachBatchOf(root).call(
          runner,
          fetchedBatch(0, records[0] as string, messages, root),
        );
        return resolved;
      };
      expect(await resolvedThrough('kafkajs')).toEqual([expected]);
      expect(await resolvedThrough('kafkajs')).toEqual(await resolvedThrough('kafkajs-published'));
    },
  );
});

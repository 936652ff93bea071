import { ReplayBuffer } from './replay-buffer';

function bufferWith(capacity: number) {
  const buffer = new ReplayBuffer(capacity);
  buffer.begin(0, 10n);
  buffer.begin(1, 5n);
  const frames: [string, number, number][] = [
    ['alerts', 0, 10],
    ['other', 1, 5],
    ['alerts', 1, 6],
    ['alerts', 0, 12],
  ];
  for (const [stream, partition, offset] of frames) {
    buffer.add({ stream, partition, offset: BigInt(offset), text: `${partition}@${offset}` });
  }
  return buffer;
}

/** What a client of `alerts` at `cursor` (partition, last offset pairs) is sent again. */
function missed(buffer: ReplayBuffer, cursor: [number, bigint][]) {
  const { frames, complete } = buffer.after('alerts', new Map(cursor));
  return { frames: frames.map((frame) => frame.text), complete };
}

describe('ReplayBuffer', () => {
  it('gives the frames of a stream past the cursor in each partition, in the order sent', () => {
    expect(
      missed(bufferWith(100), [
        [0, 10n],
        [1, 5n],
      ]),
    ).toEqual({
      frames: ['1@6', '0@12'],
      complete: true,
    });
  });

  it('gives everything since the instance began to a cursor from just before it', () => {
    expect(
      missed(bufferWith(100), [
        [0, 9n],
        [1, 4n],
      ]),
    ).toEqual({
      frames: ['0@10', '1@6', '0@12'],
      complete: true,
    });
  });

  it('says the replay is incomplete when the cursor is older than what it holds', () => {
    expect(
      missed(bufferWith(100), [
        [0, 3n],
        [1, 4n],
      ]).complete,
    ).toBe(false);
    // A partition the cursor does not name has been read from its start.
    expect(missed(bufferWith(100), [[0, 9n]]).complete).toBe(false);
  });

  it('keeps at most its capacity, and knows what it let go of', () => {
    const buffer = bufferWith(1);
    expect(
      missed(buffer, [
        [0, 9n],
        [1, 4n],
      ]),
    ).toEqual({ frames: ['0@12'], complete: false });
    expect(
      missed(buffer, [
        [0, 10n],
        [1, 6n],
      ]),
    ).toEqual({ frames: ['0@12'], complete: true });
  });
});

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
    buffer.add({ stream, partition, offset: BigInt(offset), frame: `${partition}@${offset}` });
  }
  return buffer;
}

describe('ReplayBuffer', () => {
  it('gives the frames of a stream past the cursor in each partition, in the order sent', () => {
    const missed = bufferWith(100).after(
      'alerts',
      new Map([
        [0, 10n],
        [1, 5n],
      ]),
    );
    expect(missed).toEqual({ frames: ['1@6', '0@12'], complete: true });
  });

  it('gives everything since the instance began to a cursor from just before it', () => {
    const missed = bufferWith(100).after(
      'alerts',
      new Map([
        [0, 9n],
        [1, 4n],
      ]),
    );
    expect(missed).toEqual({ frames: ['0@10', '1@6', '0@12'], complete: true });
  });

  it('says the replay is incomplete when the cursor is older than what it holds', () => {
    expect(
      bufferWith(100).after(
        'alerts',
        new Map([
          [0, 3n],
          [1, 4n],
        ]),
      ).complete,
    ).toBe(false);
    // A partition the cursor does not name has been read from its start.
    expect(bufferWith(100).after('alerts', new Map([[0, 9n]])).complete).toBe(false);
  });

  it('keeps at most its capacity, and knows what it let go of', () => {
    const buffer = bufferWith(1);
    const missed = buffer.after(
      'alerts',
      new Map([
        [0, 9n],
        [1, 4n],
      ]),
    );
    expect(missed.frames).toEqual(['0@12']);
    expect(missed.complete).toBe(false);
    expect(
      buffer.after(
        'alerts',
        new Map([
          [0, 10n],
          [1, 6n],
        ]),
      ),
    ).toEqual({
      frames: ['0@12'],
      complete: true,
    });
  });
});

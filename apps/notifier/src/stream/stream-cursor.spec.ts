import { ClientPosition, formatCursor, parseCursor } from './stream-cursor';

describe('stream cursors', () => {
  it('round-trip, partitions in order', () => {
    const cursor = new Map([
      [2, 9n],
      [0, 41n],
      [1, -1n],
    ]);
    expect(formatCursor(cursor)).toBe('0:41,1:-1,2:9');
    expect(parseCursor('0:41,1:-1,2:9')).toEqual(cursor);
  });

  it.each(['', 'abc', '0:41;1:2', '0:', ':5', '0:-2', '0:4.5', '0:41,'])(
    'refuse %j, which no frame had as its id',
    (text) => {
      expect(parseCursor(text)).toBeUndefined();
    },
  );
});

describe('a client position', () => {
  it('never gives a frame twice, nor moves back, on a replica that has read less', () => {
    // The client had read 0:50 and 1:30 on one replica; it reconnects to one at 0:48, 1:25.
    const position = new ClientPosition(
      new Map([
        [0, 50n],
        [1, 30n],
      ]),
    );
    position.catchUp(
      new Map([
        [0, 48n],
        [1, 25n],
      ]),
    );
    expect(position.id()).toBe('0:50,1:30');
    expect(position.take(1, 28n)).toBe(false);
    expect(position.take(1, 31n)).toBe(true);
    expect(position.take(0, 51n)).toBe(true);
    expect(position.id()).toBe('0:51,1:31');
  });
});

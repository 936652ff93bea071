import { formatCursor, parseCursor } from './stream-cursor';

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

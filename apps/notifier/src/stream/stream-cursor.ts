/**
 * Where the notifications topic had been read, per partition, when a stream frame was sent: the
 * frame's SSE id. Every notifier instance reads the whole topic, so a cursor from one instance
 * means the same on any other, and a client that reconnects with it as `Last-Event-ID` is sent
 * what it missed wherever it lands.
 */
export type StreamCursor = ReadonlyMap<number, bigint>;

/** `0:41,1:17`: the last offset read in each partition. */
export function formatCursor(cursor: StreamCursor): string {
  return [...cursor]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(',');
}

/** The cursor a `Last-Event-ID` names, or undefined when it is not one this service gave out. */
export function parseCursor(text: string): StreamCursor | undefined {
  const cursor = new Map<number, bigint>();
  for (const entry of text.split(',')) {
    const match = /^(\d{1,6}):(-1|\d{1,19})$/.exec(entry.trim());
    if (!match) return undefined;
    cursor.set(Number(match[1]), BigInt(match[2]!));
  }
  return cursor;
}

/**
 * How far into the notifications topic one client has got. It only moves forward, so a client
 * that reconnects to a replica that has read less than the last one is never sent a frame it
 * had, and its id never goes back.
 */
export class ClientPosition {
  private readonly seen: Map<number, bigint>;

  constructor(from: StreamCursor) {
    this.seen = new Map(from);
  }

  /** The client gets the frame of the record at `offset`; false when it already had it. */
  take(partition: number, offset: bigint): boolean {
    if (offset <= (this.seen.get(partition) ?? -1n)) return false;
    this.seen.set(partition, offset);
    return true;
  }

  /** The client has had every frame up to `read` (what the instance has read). */
  catchUp(read: StreamCursor): void {
    for (const [partition, offset] of read) {
      if (offset > (this.seen.get(partition) ?? -1n)) this.seen.set(partition, offset);
    }
  }

  /** The id of the client's next frame. */
  id(): string {
    return formatCursor(this.seen);
  }
}

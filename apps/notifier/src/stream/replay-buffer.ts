import type { StreamCursor } from './stream-cursor';

/** A frame sent on a stream, with where its record sits in the notifications topic. */
export interface BufferedFrame {
  readonly stream: string;
  readonly partition: number;
  readonly offset: bigint;
  /** The frame without its id, which depends on the client it goes to. */
  readonly text: string;
}

/**
 * The most recent frames of every stream, in the order they were sent, for clients that
 * reconnect. It knows, per partition, from which offset on it holds every frame: the offset the
 * instance began reading at, or just after the newest frame it has let go of.
 */
export class ReplayBuffer {
  private readonly frames: BufferedFrame[] = [];
  private readonly completeFrom = new Map<number, bigint>();

  constructor(private readonly capacity: number) {}

  /** The instance reads `partition` from `offset` on. */
  begin(partition: number, offset: bigint): void {
    this.completeFrom.set(partition, offset);
  }

  add(frame: BufferedFrame): void {
    this.frames.push(frame);
    while (this.frames.length > this.capacity) {
      const { partition, offset } = this.frames.shift()!;
      if (offset + 1n > (this.completeFrom.get(partition) ?? 0n)) {
        this.completeFrom.set(partition, offset + 1n);
      }
    }
  }

  /**
   * The frames of `stream` a client whose last frame had `cursor` has not seen, and whether
   * they are all of them (false when some fell out of the buffer, or came before this instance
   * began reading).
   */
  after(
    stream: string,
    cursor: StreamCursor,
  ): { readonly frames: readonly BufferedFrame[]; readonly complete: boolean } {
    let complete = true;
    for (const [partition, from] of this.completeFrom) {
      if ((cursor.get(partition) ?? -1n) + 1n < from) complete = false;
    }
    const frames = this.frames.filter(
      (frame) => frame.stream === stream && frame.offset > (cursor.get(frame.partition) ?? -1n),
    );
    return { frames, complete };
  }
}

/** Marks metadata this runtime committed; any other (a reset by a tool, say) names nothing. */
const prefix = 'fieldline.dead-lettered:';
/**
 * Kafka refuses offset metadata over `offset.metadata.max.bytes` (4,096 by default), and a
 * refused commit would fail the transaction with it: stay well under.
 */
const maxMetadataLength = 3_800;

/**
 * The input offsets a stateful stage dead-lettered since its newest checkpoint. A rebuild of
 * the partition's state skips them, as the live run did not apply them, so a redriven record
 * is handled as new. They are committed as the metadata of the partition's offset, in the same
 * transaction as the dead-letter copies themselves: a rebuild reads exactly what committed
 * (Kafka Streams keeps its partition time there the same way).
 */
export class DeadLetteredOffsets {
  /** Runs of consecutive offsets, ascending and apart: a flood of poison records is one run. */
  private ranges: Range[] = [];
  private dropped = 0;

  /** Reads committed metadata; anything this runtime did not write names no offset. */
  static parse(metadata: string | undefined): DeadLetteredOffsets {
    const parsed = new DeadLetteredOffsets();
    if (!metadata?.startsWith(prefix)) return parsed;
    for (const range of metadata.slice(prefix.length).split(',')) {
      const match = /^(\d+)(?:-(\d+))?$/.exec(range);
      if (!match) continue;
      const [, first, last = first] = match as unknown as [string, string, string?];
      parsed.addRange(BigInt(first), BigInt(last));
    }
    return parsed;
  }

  add(offset: string): void {
    const value = BigInt(offset);
    this.addRange(value, value);
  }

  has(offset: string): boolean {
    const value = BigInt(offset);
    return this.ranges.some(([first, last]) => first <= value && value <= last);
  }

  /** A checkpoint as of `offset` exists: offsets before it are never replayed again. */
  dropBefore(offset: string): void {
    const from = BigInt(offset);
    this.ranges = this.ranges
      .filter(([, last]) => last >= from)
      .map(([first, last]) => [first < from ? from : first, last]);
  }

  /**
   * The metadata to commit; undefined when there is nothing to name. Past the size Kafka
   * accepts, the oldest ranges are left out (see `overflowed`).
   */
  toMetadata(): string | undefined {
    if (this.ranges.length === 0) return undefined;
    const written = this.ranges.map(([first, last]) =>
      first === last ? `${first}` : `${first}-${last}`,
    );
    let kept = written.length;
    let length = prefix.length;
    while (kept > 0 && length + (written[kept - 1] as string).length + 1 <= maxMetadataLength) {
      kept -= 1;
      length += (written[kept] as string).length + 1;
    }
    this.dropped = kept;
    return prefix + written.slice(kept).join(',');
  }

  /** How many ranges, the oldest, the last `toMetadata` had to leave out; 0 normally. */
  get overflowed(): number {
    return this.dropped;
  }

  private addRange(first: bigint, last: bigint): void {
    const merged: Range[] = [];
    let next: Range = [first, last];
    let placed = false;
    for (const range of this.ranges) {
      if (range[1] + 1n < next[0]) merged.push(range);
      else if (next[1] + 1n < range[0]) {
        if (!placed) merged.push(next);
        placed = true;
        merged.push(range);
      } else {
        next = [range[0] < next[0] ? range[0] : next[0], range[1] > next[1] ? range[1] : next[1]];
      }
    }
    if (!placed) merged.push(next);
    this.ranges = merged;
  }
}

type Range = [first: bigint, last: bigint];

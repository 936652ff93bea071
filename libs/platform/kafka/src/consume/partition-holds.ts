import type { TopicPartition } from '../port/broker-port';

const keyOf = ({ topic, partition }: TopicPartition) => `${topic}\u0000${partition}`;

/**
 * Partitions paused until a time (retry-topic records not yet due, a partition an exactly-once
 * stage was fenced out of). Each hold resumes its partition when it expires; releaseAll()
 * resumes them all at once; clear() drops every pending resume on shutdown.
 */
export class PartitionHolds {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly pause: (partitions: readonly TopicPartition[]) => void,
    private readonly resume: (partitions: readonly TopicPartition[]) => void,
  ) {}

  hold(partition: TopicPartition, untilMs: number, now = Date.now()): void {
    const key = keyOf(partition);
    clearTimeout(this.timers.get(key));
    this.pause([partition]);
    const target = { topic: partition.topic, partition: partition.partition };
    this.timers.set(
      key,
      setTimeout(
        () => {
          this.timers.delete(key);
          this.resume([target]);
        },
        Math.max(0, untilMs - now),
      ),
    );
  }

  isHeld(partition: TopicPartition): boolean {
    return this.timers.has(keyOf(partition));
  }

  releaseAll(): void {
    const held = [...this.timers.keys()];
    this.clear();
    if (held.length === 0) return;
    this.resume(
      held.map((key) => {
        const [topic, partition] = key.split('\u0000') as [string, string];
        return { topic, partition: Number(partition) };
      }),
    );
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

import { Kafka, logLevel, type Admin } from 'kafkajs';
import { deleteTopicsWithPrefix } from '@fieldline/stack';

/** Topics of one bench run, all named `bench.<run>.…` so the run can remove what it made. */
export class BenchTopics {
  private readonly admin: Admin;
  private connected: Promise<void> | undefined;
  private counter = 0;

  constructor(
    private readonly brokers: readonly string[],
    readonly prefix: string,
  ) {
    this.admin = new Kafka({
      clientId: 'bench',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
    }).admin();
  }

  /** A new topic with 3 partitions: the bench's fixed shape. */
  async create(purpose: string): Promise<string> {
    this.connected ??= this.admin.connect();
    await this.connected;
    this.counter += 1;
    const topic = `${this.prefix}.${purpose}.${this.counter}`;
    await this.admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    return topic;
  }

  group(purpose: string): string {
    this.counter += 1;
    return `${this.prefix}.${purpose}.group-${this.counter}`;
  }

  /** Deletes every topic of this run (the runtime's retry and dead-letter topics included). */
  async removeAll(): Promise<void> {
    if (!this.connected) return;
    await this.admin.disconnect();
    await deleteTopicsWithPrefix(this.brokers, `${this.prefix}.`);
  }
}

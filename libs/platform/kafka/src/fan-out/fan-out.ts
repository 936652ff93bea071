import type { TopicName } from '@fieldline/contracts';
import type { ConsumerOptions, ConsumerRunner } from '../consume/consumer-runner';
import type { RunnerStats } from '../consume/runner-stats';

export type FanOutOptions<T extends TopicName> = Omit<ConsumerOptions<T>, 'groupId'>;

/**
 * Delivers every event of some topics to several consumer groups, one per independent
 * reaction (e.g. webhook delivery and the live stream): each group has its own offsets, retry
 * and dead-letter topics, so one group failing or falling behind never holds back another.
 */
export class FanOut<T extends TopicName> {
  private readonly runners = new Map<string, ConsumerRunner<T>>();
  private started = false;

  constructor(
    private readonly createRunner: (options: ConsumerOptions<T>) => ConsumerRunner<T>,
    private readonly options: FanOutOptions<T>,
  ) {}

  /** Adds a group; `register` adds its handlers to the group's runner. Before start() only. */
  group(groupId: string, register: (runner: ConsumerRunner<T>) => void): this {
    if (this.started) {
      throw new Error(`Add fan-out group ${groupId} before start(): it would never be started`);
    }
    if (this.runners.has(groupId)) {
      throw new Error(`Fan-out group ${groupId} is registered twice`);
    }
    const runner = this.createRunner({ ...this.options, groupId });
    register(runner);
    this.runners.set(groupId, runner);
    return this;
  }

  /**
   * Starts every group, or none: when one cannot start (its topics, connection or subscription
   * fail), those that did are stopped again. Joining the group happens after start resolves;
   * a failure there is the runner's to recover from (its client is restarted).
   */
  async start(): Promise<void> {
    this.started = true;
    const runners = [...this.runners.values()];
    const outcomes = await Promise.allSettled(runners.map((runner) => runner.start()));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      await Promise.all(runners.map((runner) => runner.stop().catch(() => false)));
      this.started = false;
      throw failed.reason;
    }
  }

  async stop(deadlineMs?: number): Promise<boolean> {
    const stopped = await Promise.all(
      [...this.runners.values()].map((runner) => runner.stop(deadlineMs)),
    );
    return stopped.every(Boolean);
  }

  /** Each group's statistics, by group id. */
  stats(): Record<string, Readonly<RunnerStats>> {
    return Object.fromEntries(
      [...this.runners].map(([groupId, runner]) => [groupId, runner.stats()]),
    );
  }
}

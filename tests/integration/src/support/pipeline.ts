import type { TopicName } from '@fieldline/contracts';
import type { TailedRecord, TopicTail } from '@fieldline/platform-kafka';
import { testEndpoints } from '@fieldline/testing';
import {
  isolatedEnvironment,
  pipelineApps,
  ServiceProcess,
  type IsolatedEnvironment,
  type PipelineApp,
} from '@fieldline/stack';
import { namespaceReader } from './runtime';

export { pipelineApps } from '@fieldline/stack';

/**
 * The five apps running as processes against the local stack, in a namespace of their own
 * (topics, groups, transactional ids) and a PostgreSQL schema of their own, so the suite shares
 * the broker and database with others without seeing them.
 */
export class Pipeline {
  private constructor(
    readonly namespace: string,
    private readonly environment: IsolatedEnvironment,
    readonly env: Record<string, string>,
    readonly apps: Record<PipelineApp, ServiceProcess>,
    private readonly tails: readonly TopicTail[],
    readonly records: Record<
      'patterns' | 'field-states' | 'relationships' | 'notifications',
      TailedRecord[]
    >,
  ) {}

  static async start(extraEnv: Record<string, string> = {}): Promise<Pipeline> {
    const endpoints = testEndpoints();
    const environment = await isolatedEnvironment(endpoints, 'e2e', {
      // Checkpoints often, so a restart has one to start from.
      PATTERN_CHECKPOINT_INTERVAL_MS: '500',
      FIELD_STATE_CHECKPOINT_INTERVAL_MS: '500',
      RELATIONSHIP_CHECKPOINT_INTERVAL_MS: '500',
      // A killed member's partitions move on after this, not the default 30 s.
      KAFKA_SESSION_TIMEOUT_MS: '8000',
      ...extraEnv,
    });
    const { namespace, env } = environment;
    const reader = namespaceReader('e2e-reader', namespace);
    const records = {
      patterns: [],
      'field-states': [],
      relationships: [],
      notifications: [],
    } as Pipeline['records'];
    const tails: TopicTail[] = [];
    const started: ServiceProcess[] = [];
    try {
      for (const topic of Object.keys(records) as (keyof typeof records & TopicName)[]) {
        const tail = reader.tail();
        tails.push(tail);
        await tail.start(reader.topics.physical(topic), { fromBeginning: true }, (record) => {
          records[topic].push(record);
        });
      }
      const starting = await Promise.allSettled(
        pipelineApps.map((name) => ServiceProcess.start(name, env)),
      );
      for (const outcome of starting)
        if (outcome.status === 'fulfilled') started.push(outcome.value);
      const failed = starting.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (error) {
      // Nothing may outlive a failed start: a running app or tail would keep Jest from ending.
      await Promise.all(started.map((app) => app.stop()));
      await Promise.all(tails.map((tail) => tail.stop()));
      await environment.dispose();
      throw error;
    }
    const apps = Object.fromEntries(started.map((app) => [app.name, app])) as Record<
      PipelineApp,
      ServiceProcess
    >;
    return new Pipeline(namespace, environment, env, apps, tails, records);
  }

  url(app: PipelineApp): string {
    return this.apps[app].url;
  }

  /** Resolves once no topic has had a new record for `quietMs`. */
  async settled(quietMs = 6_000, timeoutMs = 120_000): Promise<void> {
    const total = () => Object.values(this.records).reduce((sum, list) => sum + list.length, 0);
    const deadline = Date.now() + timeoutMs;
    let last = total();
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs) {
      if (Date.now() > deadline)
        throw new Error(`the pipeline did not settle within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (total() !== last) {
        last = total();
        quietSince = Date.now();
      }
    }
  }

  /** Decoded events of one type from a topic, in the order they were read. */
  events<T>(topic: keyof Pipeline['records'], type: string): T[] {
    return this.records[topic]
      .filter((record) => record.type?.endsWith(`.${type}`))
      .map((record) => record.event as T);
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.apps).map((app) => app.stop()));
    await Promise.all(this.tails.map((tail) => tail.stop()));
    await this.environment.dispose();
  }
}

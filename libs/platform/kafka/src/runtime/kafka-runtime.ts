import { recordSchemas, type TopicName } from '@fieldline/contracts';
import {
  AvroSerde,
  createRegistryClient,
  type RegistryAuth,
  type RegistryClient,
} from '@fieldline/platform-registry';
import { FieldlineError } from '@fieldline/shared-errors';
import { ConsumerRunner, type ConsumerOptions } from '../consume/consumer-runner';
import { DeadLetters } from '../dlq/dead-letters';
import { TopicTail } from '../tail/topic-tail';
import { ConsumerLag } from '../telemetry/consumer-lag';
import { RunnerMetrics } from '../telemetry/runner-metrics';
import { kafkajsBroker } from '../driver/kafkajs/kafkajs-broker';
import type { RunnerStats } from '../consume/runner-stats';
import type { AdminPort, BrokerPort, Compression, ProducerSettings } from '../port/broker-port';
import { EventWriter } from '../publish/event-writer';
import { Publisher } from '../publish/publisher';
import {
  namespacedGroup,
  namespacedTopicNames,
  TopicNames,
  type TopicNameMap,
} from '../topics/topic-names';
import type { KafkaSecurity } from './connection';
import type { Stoppable } from './graceful-shutdown';
import { ExactlyOnceStage, type ExactlyOnceOptions } from '../transactions/exactly-once-stage';
import { FanOut, type FanOutOptions } from '../fan-out/fan-out';
import { Requester, type RequesterOptions } from '../request-reply/requester';

export type RuntimeLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: object,
) => void;

export interface KafkaRuntimeOptions {
  /** The app's name: the envelope's producer, the client id and its consumer groups' default. */
  readonly app: string;
  readonly brokers: readonly string[];
  /** SASL and TLS to the brokers; plaintext without either. */
  readonly security?: KafkaSecurity;
  readonly schemaRegistryUrl: string;
  readonly registryAuth?: RegistryAuth;
  /** Cluster names of catalog topics, when they differ (an environment prefix, a test's copy). */
  readonly topicNames?: TopicNameMap;
  /**
   * Topics and consumer groups under `<namespace>.` (see namespacedTopicNames); `topicNames`,
   * when given, wins for the topics it names.
   */
  readonly namespace?: string;
  /** Register writer schemas on first use (local development); production registers at deploy. */
  readonly autoRegisterSchemas?: boolean;
  readonly log?: RuntimeLog;
  /**
   * The session timeout of this runtime's consumers that set none: how long a member that died
   * without leaving holds its partitions. 30 s by default.
   */
  readonly sessionTimeoutMs?: number;
  /**
   * The most one record (key, value and headers) may take. A larger event rejects with
   * PUBLISH_REJECTED before anything is sent, as with the Java producer's max.request.size;
   * a handler's output over it dead-letters the record. 1 MiB by default, Kafka's own default:
   * raise it with the topics' max.message.bytes.
   */
  readonly maxRecordBytes?: number;
  /** How often consumer lag is read from the broker for the lag metric; 10 s by default. */
  readonly lagIntervalMs?: number;
  /** Swap the Kafka client; kafkajs by default. */
  readonly broker?: BrokerPort;
}

/** A dependency a service's readiness depends on; `check` rejects with the reason. */
export interface DependencyCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface PublisherOptions {
  readonly lingerMs?: number;
  readonly batchBytes?: number;
  readonly compression?: Compression;
  /** How long a publish keeps retrying an unreachable broker before it rejects. */
  readonly deliveryTimeoutMs?: number;
}

const publisherDefaults = {
  lingerMs: 5,
  batchBytes: 512 * 1024,
  compression: 'none' as Compression,
  deliveryTimeoutMs: 60_000,
};

const jsonLog: RuntimeLog = (level, message, fields = {}) =>
  process.stderr.write(`${JSON.stringify({ level, message, ...fields })}\n`);

/**
 * The entry point services use: typed publishers, consumer runners, exactly-once stages and
 * dead-letter tools on one broker connection and one registry cache.
 */
export class KafkaRuntime {
  readonly broker: BrokerPort;
  readonly serde: AvroSerde;
  readonly topics: TopicNames;
  private readonly log: RuntimeLog;
  private readonly parts: Stoppable[] = [];
  private readonly registry: RegistryClient;
  private probe: { admin: AdminPort; connected: Promise<void> } | undefined;
  private readonly lag: ConsumerLag;
  private readonly runnerMetrics = new RunnerMetrics();

  constructor(readonly options: KafkaRuntimeOptions) {
    if (options.brokers.length === 0) {
      throw new FieldlineError('CONFIG_INVALID', 'KafkaRuntime needs at least one broker address');
    }
    this.log = options.log ?? jsonLog;
    this.broker =
      options.broker ??
      kafkajsBroker({
        brokers: options.brokers,
        clientId: options.app,
        security: options.security,
        log: (level, message, fields) => this.log(level, message, fields),
      });
    this.registry = createRegistryClient({
      url: options.schemaRegistryUrl,
      auth: options.registryAuth,
    });
    this.serde = new AvroSerde({
      registry: this.registry,
      readerSchemas: recordSchemas,
      autoRegister: options.autoRegisterSchemas,
    });
    this.topics = new TopicNames({
      ...namespacedTopicNames(options.namespace ?? ''),
      ...options.topicNames,
    });
    this.lag = new ConsumerLag(() => this.broker.admin(), options.lagIntervalMs);
  }

  /** The name of consumer group `group` in this runtime's namespace. */
  group(group: string): string {
    return namespacedGroup(this.options.namespace ?? '', group);
  }

  publisher(options: PublisherOptions = {}): Publisher {
    const settings = { ...publisherDefaults, ...options };
    const publisher = new Publisher(
      this.broker.producer(this.producerSettings(settings)),
      this.writer(),
      settings,
    );
    this.parts.push(publisher);
    return publisher;
  }

  consumer<T extends TopicName>(options: ConsumerOptions<T>): ConsumerRunner<T> {
    options = { ...this.consumerDefaults(), ...options };
    const runner = new ConsumerRunner<T>(
      {
        broker: this.broker,
        serde: this.serde,
        topics: this.topics,
        clientId: this.options.app,
        writer: this.writer(),
        outputProducer: () =>
          this.broker.producer(this.producerSettings({ ...publisherDefaults, lingerMs: 0 })),
        outputBatchBytes: publisherDefaults.batchBytes,
        log: this.log,
      },
      options,
    );
    this.parts.push(runner);
    this.observe(options, runner);
    return runner;
  }

  exactlyOnce<T extends TopicName>(options: ExactlyOnceOptions<T>): ExactlyOnceStage<T> {
    options = { ...this.consumerDefaults(), ...options };
    const stage = new ExactlyOnceStage<T>(
      {
        broker: this.broker,
        serde: this.serde,
        topics: this.topics,
        writer: this.writer(),
        clientId: this.options.app,
        producerSettings: this.producerSettings({ ...publisherDefaults, lingerMs: 0 }),
        log: this.log,
      },
      options,
    );
    this.parts.push(stage);
    this.observe(options, stage);
    return stage;
  }

  /** Request/response over topics: requests go out as events, replies come back on `replyTopic`. */
  requester<R extends TopicName>(options: RequesterOptions<R>): Requester<R> {
    const requester = new Requester<R>(
      {
        broker: this.broker,
        serde: this.serde,
        topics: this.topics,
        publisher: this.publisher({ lingerMs: 0 }),
        clientId: this.options.app,
      },
      options,
    );
    this.parts.push(requester);
    return requester;
  }

  /** Every event of `topics` to several consumer groups, each with its own handlers. */
  fanOut<T extends TopicName>(options: FanOutOptions<T>): FanOut<T> {
    return new FanOut<T>((groupOptions) => this.consumer(groupOptions), options);
  }

  /** Follows a topic (any, by its cluster name) decoded through the registry. */
  tail(): TopicTail {
    return new TopicTail(this.broker, this.serde, this.options.app);
  }

  deadLetters(): DeadLetters {
    return new DeadLetters(this.broker, this.serde, this.options.app);
  }

  /**
   * Readiness of what this runtime needs: a broker answers a metadata request, and the schema
   * registry answers. One admin connection is kept for the checks.
   */
  readiness(): DependencyCheck[] {
    return [
      {
        name: 'kafka',
        check: async () => {
          if (!this.probe) {
            const admin = this.broker.admin();
            this.probe = { admin, connected: admin.connect() };
            this.probe.connected.catch(() => (this.probe = undefined));
          }
          await this.probe.connected;
          await this.probe.admin.brokerCount();
        },
      },
      { name: 'schema-registry', check: () => this.registry.ping() },
    ];
  }

  /**
   * Stops every consumer (finishing and committing in-flight work) and then flushes every
   * publisher this runtime created, within one deadline. Resolves true when all stopped in time.
   */
  async stop(deadlineMs = 25_000): Promise<boolean> {
    const until = Date.now() + deadlineMs;
    const parts = this.parts.splice(0);
    const consumers = parts.filter((part) => !(part instanceof Publisher));
    const publishers = parts.filter((part) => part instanceof Publisher);
    const stopAll = async (group: Stoppable[]) =>
      (await Promise.all(group.map((part) => part.stop(Math.max(0, until - Date.now()))))).every(
        Boolean,
      );
    const consumersStopped = await stopAll(consumers);
    const probe = this.probe;
    this.probe = undefined;
    await probe?.admin.disconnect().catch(() => undefined);
    await this.lag.stop();
    this.runnerMetrics.stop();
    return (await stopAll(publishers)) && consumersStopped;
  }

  /** The group's lag and membership are metrics from now on (see docs/observability.md). */
  private observe(
    options: { readonly groupId: string; readonly topics: readonly TopicName[] },
    runner: { stats(): Readonly<RunnerStats> },
  ) {
    this.runnerMetrics.add({ groupId: options.groupId, stats: () => runner.stats() });
    this.lag.watch(
      options.groupId,
      options.topics.map((topic) => this.topics.spec(topic).name),
    );
  }

  private consumerDefaults(): { sessionTimeoutMs?: number } {
    const { sessionTimeoutMs } = this.options;
    return sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs };
  }

  private writer(): EventWriter {
    return new EventWriter(this.serde, this.topics, this.options.app, this.options.maxRecordBytes);
  }

  private producerSettings(settings: Required<PublisherOptions>): ProducerSettings {
    return {
      clientId: this.options.app,
      lingerMs: settings.lingerMs,
      batchBytes: settings.batchBytes,
      compression: settings.compression,
      deliveryTimeoutMs: settings.deliveryTimeoutMs,
    };
  }
}

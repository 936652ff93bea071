import type { EventName, TopicEventName, TopicName } from '@fieldline/contracts';
import type { AvroSerde } from '@fieldline/platform-registry';
import {
  RecordsRefused,
  type BrokerPort,
  type ConsumerPort,
  type ConsumerSettings,
  type OutgoingRecord,
  type ProducerPort,
  type TopicPartition,
} from '../port/broker-port';
import type { EventWriter } from '../publish/event-writer';
import { RecordBatcher } from '../publish/record-batcher';
import { failureTopics, retryTopicName } from '../retry/failure-topics';
import { defaultRetryPolicy, type RetryPolicy } from '../retry/retry-policy';
import { ensureTopics } from '../topics/ensure-topics';
import type { TopicNames } from '../topics/topic-names';
import { handleBatch } from './batch-loop';
import { finishesWithin } from './deadline';
import { FirstJoin } from './first-join';
import type {
  BatchHandler,
  BatchHandlerOptions,
  EventHandler,
  HandlerOptions,
  RegisteredHandler,
} from './handled-event';
import { PartitionHolds } from './partition-holds';
import { RecordProcessor, type RecordOutcome } from './record-processor';
import { emptyStats, type RunnerStats } from './runner-stats';

export interface ConsumerOptions<T extends TopicName> {
  /** The consumer group: the app's name, as listed under `consumers` in the catalog. */
  readonly groupId: string;
  readonly topics: readonly T[];
  readonly retry?: Partial<RetryPolicy>;
  /** Deadline of handlers registered without their own. */
  readonly defaultDeadlineMs?: number;
  /** Partitions handled at the same time; records of one partition are always handled in order. */
  readonly concurrentPartitions?: number;
  /** Start a new group at the beginning of its topics (default) rather than at the end. */
  readonly fromBeginning?: boolean;
  /** The app is saturated: its partitions are paused until this returns false. */
  readonly saturated?: () => boolean;
  /** No fetch and no handled record for this long while running: the client is replaced. */
  readonly stallTimeoutMs?: number;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly rebalanceTimeoutMs?: number;
  readonly maxBytesPerPartition?: number;
}

export interface RunnerDependencies {
  readonly broker: BrokerPort;
  readonly serde: AvroSerde;
  readonly topics: TopicNames;
  readonly clientId: string;
  /** Stamps and encodes what handlers publish. */
  readonly writer: EventWriter;
  /** Writes what handlers publish and the copies bound for retry and dead-letter topics. */
  readonly outputProducer: () => ProducerPort;
  /** The most bytes one request of handler outputs carries. */
  readonly outputBatchBytes: number;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, fields?: object) => void;
}

const defaults = {
  defaultDeadlineMs: 30_000,
  concurrentPartitions: 3,
  stallTimeoutMs: 120_000,
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  rebalanceTimeoutMs: 60_000,
  maxBytesPerPartition: 1_048_576,
};

/**
 * Consumes catalog topics as one consumer group, at least once: handlers are registered per
 * event type, offsets are committed only after a record was handled (or forwarded to a retry
 * or dead-letter topic), and poison records never block a partition.
 */
export class ConsumerRunner<T extends TopicName> {
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly settings: typeof defaults & ConsumerOptions<T>;
  private readonly policy: RetryPolicy;
  private readonly statistics = emptyStats();
  private consumer: ConsumerPort | undefined;
  private outputProducer: ProducerPort | undefined;
  private outputs: RecordBatcher | undefined;
  private holds: PartitionHolds | undefined;
  private assigned: TopicPartition[] = [];
  private readonly infrastructureAttempts = new Map<string, { count: number }>();
  private stopping = false;
  private running = false;
  private lastProgressAt = Date.now();
  private rebalanceStartedAt: number | undefined;
  private joinedOnce = false;
  /** Awaited by start(): the member's first join, or the failure that keeps it out. */
  private firstJoin: FirstJoin | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;

  constructor(
    private readonly deps: RunnerDependencies,
    options: ConsumerOptions<T>,
  ) {
    this.settings = { ...defaults, ...options };
    this.policy = { ...defaultRetryPolicy, ...options.retry };
  }

  /**
   * Registers the handler of one event type; events without a handler are skipped. Publish
   * what a handler produces with the `publish` it is given (see HandlerOutput).
   */
  on<N extends TopicEventName<T>>(
    type: N,
    handle: EventHandler<N>,
    options: HandlerOptions = {},
  ): this {
    return this.register(type, {
      handle: handle as unknown as RegisteredHandler['handle'],
      deadlineMs: options.deadlineMs ?? this.settings.defaultDeadlineMs,
    });
  }

  /**
   * Registers a batch handler of one event type: it gets consecutive events of that type from
   * one partition in one call, in offset order, up to `maxBatchSize` (default 500). The
   * batch's offsets are committed once the call succeeded and what it published is written.
   * A call that fails publishes nothing, and its events are handled again one at a time
   * (batches of one, with the usual retries), so a poison event goes to its retry and
   * dead-letter topics alone; whatever effects the failed call had, on any of its events, may
   * happen twice. A call that runs past its deadline sends all its events to the next retry
   * topic, as one event that times out goes. Events from retry topics come one at a time.
   */
  onBatch<N extends TopicEventName<T>>(
    type: N,
    handle: BatchHandler<N>,
    options: BatchHandlerOptions = {},
  ): this {
    const maxSize = options.maxBatchSize ?? 500;
    if (!Number.isInteger(maxSize) || maxSize < 1) {
      throw new Error(
        `maxBatchSize of the ${type} batch handler must be a whole number of at least 1, not ${maxSize}`,
      );
    }
    const batch = handle as unknown as BatchHandler<EventName>;
    return this.register(type, {
      handle: (handled) => batch([handled]),
      deadlineMs: options.deadlineMs ?? this.settings.defaultDeadlineMs,
      batch: { handle: batch, maxSize },
    });
  }

  /** One handler per event type; a later registration replaces an earlier one. */
  private register(type: string, registered: RegisteredHandler): this {
    if (this.running) throw new Error(`Register handlers before start(): ${type}`);
    this.handlers.set(type, registered);
    return this;
  }

  /** The group's retry and dead-letter topics, one set per consumed topic. */
  failureTopics() {
    return this.settings.topics.flatMap((topic) =>
      failureTopics(this.deps.topics.spec(topic), this.settings.groupId, this.policy),
    );
  }

  /** Joins the group and starts handling; a start that fails leaves nothing running. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    try {
      await ensureTopics(this.deps.broker, this.failureTopics());
      this.outputProducer = this.deps.outputProducer();
      await this.outputProducer.connect();
      // Written as soon as they are settled: what waits while a request is in flight leaves
      // together in the next one.
      this.outputs = new RecordBatcher(this.outputProducer, {
        lingerMs: 0,
        batchBytes: this.deps.outputBatchBytes,
      });
      this.firstJoin = new FirstJoin();
      await this.startClient();
      await this.firstJoin.settled;
    } catch (error) {
      await this.consumer?.stop().catch(() => undefined);
      await this.consumer?.disconnect().catch(() => undefined);
      await this.outputProducer?.disconnect().catch(() => undefined);
      this.consumer = undefined;
      this.running = false;
      throw error;
    }
    this.watchdog = setInterval(
      () => this.checkProgress(),
      Math.min(5_000, this.settings.stallTimeoutMs / 2),
    );
  }

  /**
   * Stops fetching, lets in-flight handlers finish, commits and leaves the group. Resolves
   * true when all of that happened within `deadlineMs`.
   */
  async stop(deadlineMs = 30_000): Promise<boolean> {
    if (!this.running) return true;
    this.stopping = true;
    this.statistics.joined = false;
    clearInterval(this.watchdog);
    this.holds?.clear();
    const inTime = await finishesWithin(deadlineMs, async () => {
      await this.restarting;
      await this.consumer?.stop();
      await this.consumer?.disconnect();
      await this.outputs?.flush();
      await this.outputProducer?.disconnect();
    });
    this.running = false;
    return inTime;
  }

  stats(): Readonly<RunnerStats> {
    return { ...this.statistics, assigned: this.assigned.length };
  }

  private consumerSettings(): ConsumerSettings {
    return {
      clientId: this.deps.clientId,
      groupId: this.settings.groupId,
      sessionTimeoutMs: this.settings.sessionTimeoutMs,
      heartbeatIntervalMs: this.settings.heartbeatIntervalMs,
      rebalanceTimeoutMs: this.settings.rebalanceTimeoutMs,
      concurrentPartitions: this.settings.concurrentPartitions,
      maxBytesPerPartition: this.settings.maxBytesPerPartition,
      readCommitted: true,
      fromBeginning: this.settings.fromBeginning ?? true,
      autoCommit: true,
    };
  }

  private subscribedTopics(): string[] {
    return this.settings.topics.flatMap((topic) => {
      const name = this.deps.topics.physical(topic);
      const retries = this.policy.retryTopicDelaysMs.map((_, index) =>
        retryTopicName(name, this.settings.groupId, index + 1),
      );
      return [name, ...retries];
    });
  }

  private async startClient(): Promise<void> {
    const consumer = this.deps.broker.consumer(this.consumerSettings(), {
      onRebalanceStart: () => {
        this.rebalanceStartedAt ??= Date.now();
      },
      onGroupJoin: ({ assigned, durationMs }) => {
        this.assigned = [...assigned];
        this.lastProgressAt = Date.now();
        if (this.joinedOnce) {
          const took = this.rebalanceStartedAt ? Date.now() - this.rebalanceStartedAt : durationMs;
          this.statistics.rebalances += 1;
          this.statistics.lastRebalanceMs = took;
          this.statistics.totalRebalanceMs += took;
        }
        this.joinedOnce = true;
        this.statistics.joined = true;
        this.firstJoin?.joined();
        this.rebalanceStartedAt = undefined;
      },
      onFetch: () => {
        this.lastProgressAt = Date.now();
        this.applyBackpressure();
      },
      onCrash: (error, willRestart) => {
        this.deps.log('error', 'consumer crashed', {
          groupId: this.settings.groupId,
          error: String(error),
        });
        if (this.firstJoin?.crashed(error, willRestart)) return;
        if (!willRestart) void this.restart('the client crashed');
      },
    });
    this.consumer = consumer;
    this.holds = new PartitionHolds(
      (partitions) => consumer.pause(partitions),
      (partitions) => consumer.resume(partitions),
    );
    const processor = new RecordProcessor({
      serde: this.deps.serde,
      topics: this.deps.topics,
      groupId: this.settings.groupId,
      handlers: this.handlers,
      policy: this.policy,
      writer: this.deps.writer,
    });
    await consumer.connect();
    await consumer.subscribe(this.subscribedTopics());
    const holds = this.holds;
    await consumer.run((batch, control) =>
      handleBatch(
        batch,
        control,
        {
          processor,
          runs: [...this.handlers.values()].some((handler) => handler.batch)
            ? processor
            : undefined,
          settle: (_, outcome) => this.settle(outcome),
          refused: (record, error) =>
            error instanceof RecordsRefused ? processor.refusedOutputs(record, error) : undefined,
          heartbeatIntervalMs: this.settings.heartbeatIntervalMs,
          stopping: () => this.stopping,
          holdUntil: (partition, dueAt) => holds.hold(partition, dueAt),
          onOutcome: (_, outcome) => this.count(outcome),
          onInfrastructureFailure: (error) => {
            this.statistics.infrastructureFailures += 1;
            this.deps.log('warn', 'record will be read again after a failure outside it', {
              topic: batch.topic,
              partition: batch.partition,
              error: String(error),
            });
          },
        },
        this.infrastructureAttemptsOf(batch),
      ),
    );
  }

  /** Starts the writes that must be durable before the record's offset is marked. */
  private settle(outcome: RecordOutcome): Promise<void> | undefined {
    if (outcome.kind === 'handled') return outcome.published && this.write(outcome.published);
    if (outcome.kind === 'ignored') return undefined;
    return this.write([outcome.forward]);
  }

  private write(records: readonly OutgoingRecord[]): Promise<void> {
    if (!this.outputs) throw new Error('The runner is not started');
    return this.outputs.sendAll(records);
  }

  private count(outcome: RecordOutcome): void {
    this.lastProgressAt = Date.now();
    if (outcome.kind === 'handled') this.statistics.handled += 1;
    else if (outcome.kind === 'ignored') this.statistics.ignored += 1;
    else if (outcome.kind === 'retry-later') this.statistics.retriedLater += 1;
    else this.statistics.deadLettered += 1;
  }

  private infrastructureAttemptsOf({ topic, partition }: TopicPartition) {
    const key = `${topic}:${partition}`;
    let attempts = this.infrastructureAttempts.get(key);
    if (!attempts) {
      attempts = { count: 0 };
      this.infrastructureAttempts.set(key, attempts);
    }
    return attempts;
  }

  private applyBackpressure(): void {
    const saturated = this.settings.saturated?.() ?? false;
    if (saturated === this.statistics.pausedForBackpressure || !this.consumer) return;
    this.statistics.pausedForBackpressure = saturated;
    const free = this.assigned.filter((partition) => !this.holds?.isHeld(partition));
    if (saturated) this.consumer.pause(free);
    else this.consumer.resume(free);
  }

  private checkProgress(): void {
    if (this.stopping || this.restarting) return;
    this.applyBackpressure();
    const idleFor = Date.now() - this.lastProgressAt;
    if (idleFor > this.settings.stallTimeoutMs) {
      void this.restart(`no fetch and no handled record for ${idleFor} ms`);
    }
  }

  /** Replaces the client; uncommitted records are read again by whoever owns them next. */
  private restart(reason: string): Promise<void> {
    if (this.restarting || this.stopping) return this.restarting ?? Promise.resolve();
    this.deps.log('warn', 'restarting the consumer', { groupId: this.settings.groupId, reason });
    this.statistics.restarts += 1;
    this.statistics.joined = false;
    this.restarting = (async () => {
      const old = this.consumer;
      this.holds?.clear();
      await Promise.race([
        (async () => {
          await old?.stop();
          await old?.disconnect();
        })().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, this.settings.rebalanceTimeoutMs)),
      ]);
      this.lastProgressAt = Date.now();
      if (!this.stopping) await this.startClient();
    })()
      .catch((error) => {
        this.deps.log('error', 'consumer restart failed; trying again at the next check', {
          error: String(error),
        });
      })
      .finally(() => {
        this.restarting = undefined;
        this.lastProgressAt = Date.now();
      });
    return this.restarting;
  }
}

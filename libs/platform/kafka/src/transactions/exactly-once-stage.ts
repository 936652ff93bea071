import { setTimeout as sleep } from 'node:timers/promises';
import type { TopicEventName, TopicKey, TopicName } from '@fieldline/contracts';
import type { AvroSerde } from '@fieldline/platform-registry';
import { handleBatch } from '../consume/batch-loop';
import { finishesWithin } from '../consume/deadline';
import type { EventHandler, HandlerOptions, RegisteredHandler } from '../consume/handled-event';
import { RecordProcessor } from '../consume/record-processor';
import { emptyStats, type RunnerStats } from '../consume/runner-stats';
import {
  RebalanceSignal,
  type BatchControl,
  type BrokerPort,
  type ConsumerPort,
  type IncomingRecord,
  type OutgoingRecord,
  type ProducerSettings,
  type TransactionalProducerPort,
  type TransactionPort,
} from '../port/broker-port';
import type { EventWriter, OutgoingEvent, PublishOptions } from '../publish/event-writer';
import { fullJitterDelay } from '../retry/backoff';
import { failureTopics } from '../retry/failure-topics';
import { defaultRetryPolicy, type RetryPolicy } from '../retry/retry-policy';
import { ensureTopics } from '../topics/ensure-topics';
import type { TopicNames } from '../topics/topic-names';

/** What an exactly-once handler gets besides the event: outputs that commit with its offset. */
export interface TransactionalOutput {
  publish<O extends TopicName>(
    topic: O,
    key: TopicKey<O>,
    event: OutgoingEvent<O>,
    options?: PublishOptions,
  ): Promise<void>;
}

export interface ExactlyOnceOptions<T extends TopicName> {
  readonly groupId: string;
  readonly topics: readonly T[];
  /**
   * Stable across restarts of this instance (e.g. a StatefulSet pod name) and unique among live
   * instances: a restarted instance fences its predecessor's open transaction with it.
   */
  readonly transactionalId: string;
  readonly retry?: Partial<Pick<RetryPolicy, 'attemptsInProcess' | 'baseDelayMs' | 'maxDelayMs'>>;
  readonly defaultDeadlineMs?: number;
  readonly fromBeginning?: boolean;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
}

export interface ExactlyOnceDependencies {
  readonly broker: BrokerPort;
  readonly serde: AvroSerde;
  readonly topics: TopicNames;
  readonly writer: EventWriter;
  readonly clientId: string;
  readonly producerSettings: ProducerSettings;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, fields?: object) => void;
}

/**
 * Consume-transform-produce with Kafka transactions: the records a handler publishes, any
 * dead-letter copies and the consumed offsets commit in one transaction per batch, so a
 * read_committed reader sees each output exactly once however often the stage is killed.
 * Failed records go straight to the dead-letter topic (inside the same transaction); there are
 * no retry topics, whose re-delivery would break the exactly-once chain.
 */
export class ExactlyOnceStage<T extends TopicName> {
  private readonly handlers = new Map<string, RegisteredHandler<TransactionalOutput>>();
  private readonly statistics = emptyStats();
  private consumer: ConsumerPort | undefined;
  private producer: TransactionalProducerPort | undefined;
  private stopping = false;
  private readonly policy: RetryPolicy;

  constructor(
    private readonly deps: ExactlyOnceDependencies,
    private readonly options: ExactlyOnceOptions<T>,
  ) {
    this.policy = { ...defaultRetryPolicy, ...options.retry, retryTopicDelaysMs: [] };
  }

  on<N extends TopicEventName<T>>(
    type: N,
    handle: EventHandler<N, TransactionalOutput>,
    options: HandlerOptions = {},
  ): this {
    this.handlers.set(type, {
      handle: handle as unknown as RegisteredHandler<TransactionalOutput>['handle'],
      deadlineMs: options.deadlineMs ?? this.options.defaultDeadlineMs ?? 30_000,
    });
    return this;
  }

  async start(): Promise<void> {
    const { broker, topics } = this.deps;
    await ensureTopics(
      broker,
      this.options.topics.flatMap((topic) =>
        failureTopics(topics.spec(topic), this.options.groupId, this.policy),
      ),
    );
    this.producer = broker.transactionalProducer({
      ...this.deps.producerSettings,
      transactionalId: this.options.transactionalId,
    });
    await this.producer.connect();
    const heartbeatIntervalMs = this.options.heartbeatIntervalMs ?? 3_000;
    this.consumer = broker.consumer({
      clientId: this.deps.clientId,
      groupId: this.options.groupId,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatIntervalMs,
      rebalanceTimeoutMs: 60_000,
      // One transaction at a time per producer: partitions take turns.
      concurrentPartitions: 1,
      maxBytesPerPartition: 1_048_576,
      readCommitted: true,
      fromBeginning: this.options.fromBeginning ?? true,
      autoCommit: false,
    });
    const outputs = new Map<IncomingRecord, OutgoingRecord[]>();
    const processor = new RecordProcessor<TransactionalOutput>({
      serde: this.deps.serde,
      topics,
      groupId: this.options.groupId,
      handlers: this.handlers,
      policy: this.policy,
      extra: (record) => {
        const produced: OutgoingRecord[] = [];
        outputs.set(record, produced);
        return {
          publish: async (topic, key, event, publishOptions) => {
            produced.push(
              (await this.deps.writer.prepare(topic, key, event, publishOptions)).record,
            );
          },
        };
      },
    });
    await this.consumer.connect();
    await this.consumer.subscribe(this.options.topics.map((topic) => topics.physical(topic)));
    const failures = { count: 0 };
    await this.consumer.run(async (batch, control) => {
      const transaction = new BatchTransaction(
        this.requireProducer(),
        this.options.groupId,
        batch,
        control,
      );
      try {
        await handleBatch(batch, transaction.control, {
          processor,
          settle: async (record, outcome) => {
            const produced = outputs.get(record) ?? [];
            outputs.delete(record);
            if (outcome.kind === 'handled') await transaction.send(produced);
            else if (outcome.kind !== 'ignored') await transaction.send([outcome.forward]);
            this.count(outcome.kind);
          },
          heartbeatIntervalMs,
          stopping: () => this.stopping,
          holdUntil: () => undefined,
          onOutcome: () => undefined,
          onInfrastructureFailure: (error) => {
            this.statistics.infrastructureFailures += 1;
            this.deps.log('warn', 'exactly-once batch will be read again', {
              error: String(error),
            });
          },
        });
        failures.count = 0;
      } catch (error) {
        await transaction.abandon();
        if (error instanceof RebalanceSignal) throw error;
        failures.count += 1;
        this.statistics.infrastructureFailures += 1;
        this.deps.log('warn', 'transaction aborted; the batch will be read again', {
          error: String(error),
        });
        await sleep(fullJitterDelay(failures.count, { baseDelayMs: 500, maxDelayMs: 10_000 }));
      }
    });
  }

  async stop(deadlineMs = 30_000): Promise<boolean> {
    this.stopping = true;
    return finishesWithin(deadlineMs, async () => {
      await this.consumer?.stop();
      await this.consumer?.disconnect();
      await this.producer?.disconnect();
    });
  }

  stats(): Readonly<RunnerStats> {
    return { ...this.statistics };
  }

  private count(kind: 'handled' | 'ignored' | 'retry-later' | 'dead-lettered'): void {
    if (kind === 'handled') this.statistics.handled += 1;
    else if (kind === 'ignored') this.statistics.ignored += 1;
    else this.statistics.deadLettered += 1;
  }

  private requireProducer(): TransactionalProducerPort {
    if (!this.producer) throw new Error('The stage is not started');
    return this.producer;
  }
}

/**
 * One partition batch's transaction, begun on first use. Its control commits the consumed
 * offsets inside the transaction instead of to the group directly.
 */
class BatchTransaction {
  private transaction: Promise<TransactionPort> | undefined;
  /** First offset handled since the last commit: where to rewind if the transaction fails. */
  private uncommittedFrom: string | undefined;
  private nextOffset: string | undefined;
  /** A send failed: the open transaction may hold part of a record's outputs and must abort. */
  private failedSend: unknown;
  readonly control: BatchControl;

  constructor(
    private readonly producer: TransactionalProducerPort,
    groupId: string,
    private readonly partition: { readonly topic: string; readonly partition: number },
    private readonly inner: BatchControl,
  ) {
    this.control = {
      heartbeat: () => inner.heartbeat(),
      isActive: () => inner.isActive(),
      seek: (offset) => inner.seek(offset),
      markHandled: (offset) => {
        this.uncommittedFrom ??= offset;
        this.nextOffset = String(BigInt(offset) + 1n);
        inner.markHandled(offset);
      },
      commit: async () => {
        if (this.failedSend !== undefined) throw this.failedSend;
        if (this.nextOffset === undefined) return;
        const transaction = await this.begin();
        await transaction.sendOffsets(groupId, [{ ...this.partition, offset: this.nextOffset }]);
        await transaction.commit();
        this.transaction = undefined;
        this.uncommittedFrom = undefined;
        this.nextOffset = undefined;
      },
    };
  }

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await (await this.begin()).send(records);
    } catch (error) {
      this.failedSend = error;
      throw error;
    }
  }

  /** Aborts a transaction left open and rewinds the partition to its first uncommitted record. */
  async abandon(): Promise<void> {
    const open = this.transaction;
    this.transaction = undefined;
    if (open) await (await open).abort().catch(() => undefined);
    if (this.uncommittedFrom !== undefined) this.inner.seek(this.uncommittedFrom);
    this.uncommittedFrom = undefined;
    this.nextOffset = undefined;
    this.failedSend = undefined;
  }

  private begin(): Promise<TransactionPort> {
    this.transaction ??= this.producer.begin();
    return this.transaction;
  }
}

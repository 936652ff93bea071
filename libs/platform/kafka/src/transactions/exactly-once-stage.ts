import { setTimeout as sleep } from 'node:timers/promises';
import type { TopicEventName, TopicName } from '@fieldline/contracts';
import type { AvroSerde } from '@fieldline/platform-registry';
import { handleBatch } from '../consume/batch-loop';
import { finishesWithin } from '../consume/deadline';
import { FirstJoin } from '../consume/first-join';
import type { EventHandler, HandlerOptions, RegisteredHandler } from '../consume/handled-event';
import { PartitionHolds } from '../consume/partition-holds';
import type { HandlerDeadlines } from '../consume/deadline';
import { RecordProcessor, type RecordOutcome } from '../consume/record-processor';
import { emptyStats, type RunnerStats } from '../consume/runner-stats';
import {
  ProducerFenced,
  RebalanceSignal,
  RecordsRefused,
  type AdminPort,
  type BrokerPort,
  type ConsumerPort,
  type IncomingRecord,
  type ProducerSettings,
} from '../port/broker-port';
import type { EventWriter } from '../publish/event-writer';
import { fullJitterDelay } from '../retry/backoff';
import { failureTopics } from '../retry/failure-topics';
import { defaultRetryPolicy, type RetryPolicy } from '../retry/retry-policy';
import { ensureTopics } from '../topics/ensure-topics';
import type { TopicNames } from '../topics/topic-names';
import { BatchTransaction, type TransactionBounds } from './batch-transaction';
import { OutputRefusals } from './output-refusals';
import { PartitionProducers } from './partition-producers';
import { PartitionStates, type PartitionStateStore } from './partition-state';

export interface ExactlyOnceOptions<T extends TopicName> {
  readonly groupId: string;
  readonly topics: readonly T[];
  /**
   * Prefix of the per-partition transactional ids (`<prefix>.<topic>.<partition>`); the group id
   * by default. The same for every instance of the stage, so any instance that takes a partition
   * over fences the one that had it.
   */
  readonly transactionalIdPrefix?: string;
  /** Partitions handled at the same time, each in its own transaction. Default 3. */
  readonly concurrentPartitions?: number;
  /** Commit a transaction after this many records even mid-batch. Default 10,000. */
  readonly maxRecordsPerTransaction?: number;
  /**
   * Commit a transaction once it has been open this long, even mid-batch. Default 100 ms, as
   * Kafka Streams commits under exactly-once: each transaction costs several round trips and
   * broker writes, so a stage behind on a large backlog should not pay them every few records.
   */
  readonly maxTransactionMs?: number;
  readonly retry?: Partial<Pick<RetryPolicy, 'attemptsInProcess' | 'baseDelayMs' | 'maxDelayMs'>>;
  readonly defaultDeadlineMs?: number;
  readonly fromBeginning?: boolean;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /**
   * The stage's own state per input partition (windows, aggregates), rebuilt to match the
   * committed offset whenever a partition arrives or its state may be ahead of what committed.
   */
  readonly state?: PartitionStateStore;
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
 * dead-letter copies and the consumed offsets commit together, so a read_committed reader sees
 * each output exactly once however often the stage is killed or its partitions move. Each
 * input partition has its own transactional producer (see PartitionProducers for the fencing).
 * Failed records go straight to the dead-letter topic (inside the same transaction); there are
 * no retry topics, whose re-delivery would break the exactly-once chain.
 */
export class ExactlyOnceStage<T extends TopicName> {
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly statistics = emptyStats();
  private consumer: ConsumerPort | undefined;
  private fencedOut: PartitionHolds | undefined;
  private admin: AdminPort | undefined;
  private producers: PartitionProducers | undefined;
  private states: PartitionStates | undefined;
  private stopping = false;
  private readonly policy: RetryPolicy;
  private readonly bounds: TransactionBounds;

  constructor(
    private readonly deps: ExactlyOnceDependencies,
    private readonly options: ExactlyOnceOptions<T>,
  ) {
    this.policy = {
      ...defaultRetryPolicy,
      ...options.retry,
      retryTopicDelaysMs: [],
      // A handler that changed the stage's state and then failed would run again on the changed
      // state; with state, a failed record goes straight to the dead-letter topic instead.
      ...(options.state ? { attemptsInProcess: 1 } : {}),
    };
    this.bounds = {
      maxRecords: options.maxRecordsPerTransaction ?? 10_000,
      maxOpenMs: options.maxTransactionMs ?? 100,
    };
  }

  on<N extends TopicEventName<T>>(
    type: N,
    handle: EventHandler<N>,
    options: HandlerOptions = {},
  ): this {
    this.handlers.set(type, {
      handle: handle as unknown as RegisteredHandler['handle'],
      deadlineMs: options.deadlineMs ?? this.options.defaultDeadlineMs ?? 30_000,
    });
    return this;
  }

  async start(): Promise<void> {
    const { broker, topics } = this.deps;
    const { groupId } = this.options;
    await ensureTopics(
      broker,
      this.options.topics.flatMap((topic) =>
        failureTopics(topics.spec(topic), groupId, this.policy),
      ),
    );
    this.admin = broker.admin();
    await this.admin.connect();
    const producers = new PartitionProducers(
      broker,
      this.admin,
      this.deps.producerSettings,
      groupId,
      this.options.transactionalIdPrefix ?? groupId,
    );
    this.producers = producers;
    const admin = this.admin;
    const states =
      this.options.state &&
      new PartitionStates(this.options.state, {
        admin,
        serde: this.deps.serde,
        topics,
        log: this.deps.log,
      });
    this.states = states;
    const firstJoin = new FirstJoin();
    const heartbeatIntervalMs = this.options.heartbeatIntervalMs ?? 3_000;
    const sessionTimeoutMs = this.options.sessionTimeoutMs ?? 30_000;
    this.consumer = broker.consumer(
      {
        clientId: this.deps.clientId,
        groupId,
        sessionTimeoutMs,
        heartbeatIntervalMs,
        rebalanceTimeoutMs: 60_000,
        concurrentPartitions: this.options.concurrentPartitions ?? 3,
        maxBytesPerPartition: 1_048_576,
        readCommitted: true,
        fromBeginning: this.options.fromBeginning ?? true,
        autoCommit: false,
      },
      {
        onGroupJoin: ({ assigned }) => {
          producers.reassigned(assigned);
          refusals.clear();
          states?.assigned(assigned);
          // A partition held back after being fenced is read again if it came back to us.
          fencedOut.releaseAll();
          this.statistics.assigned = assigned.length;
          this.statistics.joined = true;
          firstJoin.joined();
        },
        onCrash: (error, willRestart) => {
          this.deps.log('error', 'exactly-once consumer crashed', {
            groupId: this.options.groupId,
            error: String(error),
            willRestart,
          });
          if (firstJoin.crashed(error, willRestart)) return;
          // Not restarting: nothing is consumed any more, and /readyz must say so.
          if (!willRestart) this.statistics.joined = false;
        },
      },
    );
    const consumer = this.consumer;
    /**
     * Partitions this instance was fenced out of, held back until the group's next assignment
     * or for one session timeout, whichever comes first.
     */
    const fencedOut = new PartitionHolds(
      (partitions) => consumer.pause(partitions),
      (partitions) => consumer.resume(partitions),
    );
    this.fencedOut = fencedOut;
    const processor = new RecordProcessor({
      serde: this.deps.serde,
      topics,
      groupId,
      handlers: this.handlers,
      policy: this.policy,
      writer: this.deps.writer,
    });
    await this.consumer.connect();
    await this.consumer.subscribe(this.options.topics.map((topic) => topics.physical(topic)));
    const failures = { count: 0 };
    const refusals = new OutputRefusals();
    /** The record's outcome, unless Kafka refused its outputs before: then it is dead-lettered. */
    const outcomeOf = async (
      record: IncomingRecord,
      releasing: () => boolean,
      deadlines: HandlerDeadlines,
    ): Promise<RecordOutcome> => {
      const outcome = await processor.process(record, releasing, deadlines);
      const refusal = outcome.kind === 'handled' && refusals.refusalOf(record, record.offset);
      // The handler ran all the same: a stage's state is rebuilt without the record.
      return refusal ? processor.refusedOutputs(record, refusal) : outcome;
    };
    await this.consumer.run(async (batch, control) => {
      if (fencedOut.isHeld(batch)) {
        if (batch.records[0]) control.seek(batch.records[0].offset);
        return;
      }
      let transaction: BatchTransaction | undefined;
      try {
        const { producer, committedOffset, committedMetadata, fenced } =
          await producers.forBatch(batch);
        if (
          states &&
          !(await states.prepare(
            batch,
            control,
            fenced ? { committedOffset, committedMetadata } : undefined,
          ))
        ) {
          return;
        }
        const first = batch.records[0];
        if (
          committedOffset !== undefined &&
          first &&
          BigInt(committedOffset) > BigInt(first.offset)
        ) {
          // A previous owner committed past what this batch was fetched from.
          control.seek(committedOffset);
          return;
        }
        transaction = new BatchTransaction(producer, groupId, batch, control, this.bounds, {
          onCommitted: (nextOffset) => {
            refusals.committed(batch, nextOffset);
            states?.committed(batch, nextOffset);
          },
          isolating: refusals.isolating(batch),
          ...(states ? { offsetMetadata: () => states.offsetMetadata(batch) } : {}),
        });
        const open = transaction;
        /** A dead-lettered record whose handler may have left part of its work in the state. */
        let tainting: string | undefined;
        let ended = false;
        /**
         * Commits the record's dead-letter copy with its offset, then ends the batch: the
         * partition's state is rebuilt without the record before the next one is handled.
         */
        const rebuildWithout = async (offset: string) => {
          await open.control.commit();
          const next = String(BigInt(offset) + 1n);
          states?.invalidate(batch);
          producers.unsettled(batch);
          control.seek(next);
          ended = true;
        };
        await handleBatch(
          batch,
          { ...open.control, isActive: () => !ended && control.isActive() },
          {
            processor: { process: outcomeOf },
            settle: (record, outcome) => {
              if (outcome.kind === 'handled') {
                open.stage(outcome.published ?? [], record.offset);
              } else if (outcome.kind !== 'ignored') {
                open.stage([outcome.forward], record.offset);
                if (states?.deadLetteredRecord(batch, record.offset, outcome.handlerRan)) {
                  tainting = record.offset;
                }
              }
              return undefined;
            },
            afterRecord: () =>
              tainting === undefined ? open.commitIfDue() : rebuildWithout(tainting),
            heartbeatIntervalMs,
            stopping: () => this.stopping,
            holdUntil: () => undefined,
            onOutcome: (record, outcome) => {
              states?.applied(batch, record.offset);
              this.count(outcome.kind);
            },
            onInfrastructureFailure: (error) => {
              // The record that failed may have changed the state before it did; the partition is
              // fenced again, so the rebuild reads the offset this batch commits.
              states?.invalidate(batch);
              producers.unsettled(batch);
              this.statistics.infrastructureFailures += 1;
              this.deps.log('warn', 'exactly-once batch will be read again', {
                error: String(error),
              });
            },
          },
        );
        failures.count = 0;
      } catch (error) {
        // Fenced again before the next batch: a state with records of the aborted transaction
        // is then no longer as of the committed offset, and is rebuilt (PartitionStates.prepare).
        producers.unsettled(batch);
        // Held before anything is awaited, so a group join meanwhile releases it again.
        if (error instanceof ProducerFenced) fencedOut.hold(batch, Date.now() + sessionTimeoutMs);
        const refused = transaction?.refusedInputs() ?? [];
        if (transaction) await transaction.abandon();
        else if (batch.records[0]) control.seek(batch.records[0].offset);
        if (error instanceof RebalanceSignal) throw error;
        if (
          error instanceof RecordsRefused &&
          refused.length > 0 &&
          refusals.refused(batch, refused, error)
        ) {
          // Not an outage: read the batch again at once, knowing which records are at fault.
          this.deps.log('warn', 'Kafka refused outputs; the batch will be read again', {
            topic: batch.topic,
            partition: batch.partition,
            records: refused,
            error: String(error),
          });
          return;
        }
        if (error instanceof ProducerFenced) {
          // Another producer took the partition's transactional id: a new owner, because this
          // instance stalled past its session, or the broker aborting a transaction that ran
          // past its timeout. Fencing back at once would abort a new owner's work, so the
          // partition waits for the group's next assignment, or one session timeout if none
          // comes (the stale-transaction case), before it is fenced and read again.
          this.statistics.fencedOut += 1;
          await producers.release(batch);
          this.deps.log('warn', 'fenced out of a partition; waiting for the group', {
            topic: batch.topic,
            partition: batch.partition,
            error: String(error),
          });
          return;
        }
        failures.count += 1;
        this.statistics.infrastructureFailures += 1;
        this.deps.log('warn', 'transaction aborted; the batch will be read again', {
          error: String(error),
        });
        await sleep(fullJitterDelay(failures.count, { baseDelayMs: 500, maxDelayMs: 10_000 }));
      }
    });
    try {
      await firstJoin.settled;
    } catch (error) {
      // A start that fails leaves nothing running.
      await this.release();
      throw error;
    }
  }

  async stop(deadlineMs = 30_000): Promise<boolean> {
    this.stopping = true;
    this.statistics.joined = false;
    this.fencedOut?.clear();
    return finishesWithin(deadlineMs, () => this.release());
  }

  /** Leaves the group and closes every client. */
  private async release(): Promise<void> {
    await this.consumer?.stop();
    // Nothing is handled any more: the state is as of what committed, for the next owner.
    await this.states?.checkpointAll();
    await this.consumer?.disconnect();
    await this.producers?.disconnect();
    await this.admin?.disconnect();
  }

  stats(): Readonly<RunnerStats> {
    return { ...this.statistics };
  }

  private count(kind: 'handled' | 'ignored' | 'retry-later' | 'dead-lettered'): void {
    if (kind === 'handled') this.statistics.handled += 1;
    else if (kind === 'ignored') this.statistics.ignored += 1;
    else this.statistics.deadLettered += 1;
  }
}

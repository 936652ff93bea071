import { FieldlineError } from '@fieldline/shared-errors';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import {
  RebalanceSignal,
  type BatchControl,
  type ConsumerEvents,
  type ConsumerPort,
  type ConsumerSettings,
  type IncomingBatch,
  type TopicPartition,
} from '../../port/broker-port';
import { rejoinTypes, toFieldlineError, translated } from './kafkajs-errors';
import { incomingRecord } from './kafkajs-records';
import { whileTopicsSettle } from './topic-settling';

function isRebalance(error: unknown): boolean {
  const type = (error as { type?: string } | undefined)?.type;
  return type !== undefined && rejoinTypes.has(type);
}

export function kafkajsConsumer(
  kafka: Kafka,
  settings: ConsumerSettings,
  events: ConsumerEvents = {},
): ConsumerPort {
  const consumer = checkedSettings(settings.groupId, () =>
    kafka.consumer({
      groupId: settings.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      maxBytesPerPartition: settings.maxBytesPerPartition,
      readUncommitted: !settings.readCommitted,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
    }),
  );
  const { GROUP_JOIN, REBALANCING, FETCH, CRASH } = consumer.events;
  consumer.on(GROUP_JOIN, ({ payload }) =>
    events.onGroupJoin?.({
      durationMs: payload.duration,
      assigned: Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => ({ topic, partition })),
      ),
    }),
  );
  consumer.on(REBALANCING, () => events.onRebalanceStart?.());
  consumer.on(FETCH, () => events.onFetch?.());
  consumer.on(CRASH, ({ payload }) =>
    events.onCrash?.(
      toFieldlineError(payload.error, `Consumer group ${settings.groupId} stopped`) as Error,
      payload.restart,
    ),
  );

  const control = (payload: EachBatchPayload): BatchControl => ({
    async heartbeat() {
      try {
        await payload.heartbeat();
      } catch (error) {
        if (isRebalance(error))
          throw new RebalanceSignal('The group is rebalancing', { cause: error });
        throw error;
      }
    },
    markHandled: (offset) => payload.resolveOffset(offset),
    async commit() {
      if (!settings.autoCommit) return;
      await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
    },
    isActive: () => payload.isRunning() && !payload.isStale(),
    seek: (offset) =>
      consumer.seek({ topic: payload.batch.topic, partition: payload.batch.partition, offset }),
  });

  return {
    connect: () =>
      translated(`Consumer group ${settings.groupId} could not connect`, () => consumer.connect()),
    subscribe: (names) =>
      translated(
        `Consumer group ${settings.groupId} could not subscribe to ${names.join(', ')}`,
        () =>
          whileTopicsSettle(() =>
            consumer.subscribe({ topics: [...names], fromBeginning: settings.fromBeginning }),
          ),
      ),
    run: (handleBatch) =>
      consumer.run({
        autoCommit: settings.autoCommit,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: settings.concurrentPartitions,
        eachBatch: async (payload) => {
          const { batch } = payload;
          const incoming: IncomingBatch = {
            topic: batch.topic,
            partition: batch.partition,
            highWatermark: batch.highWatermark,
            records: batch.messages.map((message) =>
              incomingRecord(batch.topic, batch.partition, message),
            ),
          };
          try {
            await handleBatch(incoming, control(payload));
          } catch (error) {
            // kafkajs rejoins the group when it sees its own rebalance error again.
            if (error instanceof RebalanceSignal && error.cause) throw error.cause;
            throw error;
          }
        },
      }),
    pause: (partitions) => consumer.pause(byTopic(partitions)),
    resume: (partitions) => consumer.resume(byTopic(partitions)),
    paused: () =>
      consumer
        .paused()
        .flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition }))),
    stop: () => consumer.stop(),
    disconnect: () => consumer.disconnect(),
  };

  function byTopic(partitions: readonly TopicPartition[]) {
    const grouped = new Map<string, number[]>();
    for (const { topic, partition } of partitions) {
      grouped.set(topic, [...(grouped.get(topic) ?? []), partition]);
    }
    return [...grouped].map(([topic, list]) => ({ topic, partitions: list }));
  }
}

/** kafkajs checks a consumer's settings as it makes it; a bad one is a configuration error. */
function checkedSettings<T>(groupId: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new FieldlineError(
      'CONFIG_INVALID',
      `Consumer group ${groupId}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

import { FieldlineError } from '@fieldline/shared-errors';
import type { KafkaRuntime } from '@fieldline/platform-kafka';
import {
  KeyedCheckpointStore,
  StageCheckpoints,
  type KeyedCheckpoint,
} from '@fieldline/platform-postgres';
import { uniqueName } from '@fieldline/testing';
import type { Pool } from 'pg';
import type { KafkaSession } from './kafka';
import { observationEvent } from './observations';
import { patternIdsOn, patternSizedBy } from './oversized-outputs';
import { freshTopics, testRuntime } from './runtime';

export type Sum = { readonly total: number };

export interface SummingStageOptions {
  /** The handler fails after adding this value, as one that changes state and cannot publish. */
  readonly poison?: number;
  /** Told of every record replayed to rebuild the state. */
  readonly onReplay?: (offset: string) => void;
}

/**
 * A stateful exactly-once stage: a running total of observation values per region, published
 * as a pattern named by the total after each observation, checkpointed to PostgreSQL at the
 * first commit and after each rebuild; the rest is replayed.
 */
export function summingStage(
  runtime: KafkaRuntime,
  groupId: string,
  checkpoints: StageCheckpoints<KeyedCheckpoint<Sum>>,
  options: SummingStageOptions = {},
) {
  const totals = new Map<string, number>();
  const state = new KeyedCheckpointStore<Sum>({
    state: {
      snapshot: (region) => ({ total: totals.get(region) ?? 0 }),
      restore: (region, snapshot) => totals.set(region, snapshot.total),
      forget: (region) => totals.delete(region),
    },
    checkpoints,
    replay: (record) => {
      options.onReplay?.(record.offset);
      const { regionId, value } = record.event as { regionId: string; value: number };
      totals.set(regionId, (totals.get(regionId) ?? 0) + value);
      return regionId;
    },
    intervalMs: 3_600_000,
    log: () => undefined,
  });
  return runtime
    .exactlyOnce({ groupId, topics: ['observations'], state })
    .on('dev.fieldline.observations.ObservationRecorded', async (handled) => {
      const { regionId, value } = handled.event;
      state.touched(handled, regionId);
      const total = (totals.get(regionId) ?? 0) + value;
      totals.set(regionId, total);
      if (value === options.poison)
        throw new FieldlineError('PERMANENT_FAILURE', `poisoned by ${value}`);
      await handled.publish(
        'patterns',
        { regionId },
        {
          ...patternSizedBy(regionId, 0),
          patternId: `total-${total}`,
        },
      );
    });
}

/**
 * Fresh observation and pattern topics with a writer on them, a group and its checkpoints,
 * for summing stages on one region's partition.
 */
export async function summingFixture(session: KafkaSession, pool: Pool, name: string) {
  const topics = await freshTopics('observations', 'patterns');
  const groupId = uniqueName(name);
  const checkpoints = new StageCheckpoints<KeyedCheckpoint<Sum>>(pool, groupId);
  await checkpoints.ensureSchema();
  const writer = testRuntime(`${name}-writer`, topics);
  const region = { regionId: 'r-02-02' };
  return {
    topics,
    groupId,
    checkpoints,
    writer,
    /** Publishes an observation of each value for the region. */
    observe: (...values: number[]) =>
      writer.publisher().publishBatch(
        'observations',
        values.map((value) => ({ key: region, event: observationEvent({ ...region, value }) })),
      ),
    /** The totals published so far, once there are `count` of them. */
    totals: (count: number) =>
      patternIdsOn(session, writer.serde, topics.patterns as string, count),
    /** The partition the region's observations are on (once one was published). */
    partition: async () => {
      const [peeked] = await session.consumeAll(
        topics.observations as string,
        uniqueName('peek'),
        1,
      );
      return peeked?.partition ?? 0;
    },
  };
}

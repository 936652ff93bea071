import { setTimeout as sleep } from 'node:timers/promises';
import {
  RebalanceSignal,
  type BatchControl,
  type IncomingBatch,
  type IncomingRecord,
} from '../port/broker-port';
import { fullJitterDelay } from '../retry/backoff';
import { failureHeaders } from '../retry/failure-headers';
import { HandlerDeadlines } from './deadline';
import { withHeartbeats } from './heartbeats';
import { PendingWrites } from './pending-writes';
import type { DecodedAhead, RecordOutcome, RecordProcessor } from './record-processor';

export interface BatchLoopOptions {
  readonly processor: Pick<RecordProcessor, 'process'>;
  /**
   * Set when batch handlers are registered: records are then handled through it, a batch
   * handler's batch of consecutive records at a time, and the records of a failed batch one at
   * a time through `processor`.
   */
  readonly runs?: Pick<RecordProcessor, 'processRun'>;
  /**
   * Starts what finishes a record before its offset is marked: writing what its handler
   * published, or its copy bound for a retry or dead-letter topic. Returns the write, or
   * nothing when there is nothing to wait for; the offset is marked once the write is durable.
   */
  readonly settle: (record: IncomingRecord, outcome: RecordOutcome) => Promise<void> | undefined;
  readonly heartbeatIntervalMs: number;
  readonly stopping: () => boolean;
  /** A retry-topic record is not due yet: stop reading its partition until `dueAt`. */
  readonly holdUntil: (batch: IncomingBatch, dueAt: number) => void;
  /**
   * What becomes of a handled record whose outputs Kafka refused for what they are (too large,
   * invalid): no retry can change that. Undefined leaves the failure to rewind the partition.
   */
  readonly refused?: (record: IncomingRecord, error: unknown) => RecordOutcome | undefined;
  /** A record's offset was marked handled. */
  readonly onOutcome: (record: IncomingRecord, outcome: RecordOutcome) => void;
  /** A failure outside the record (registry or broker down); the record will be read again. */
  readonly onInfrastructureFailure: (error: unknown) => void;
  /**
   * Runs after each record (each run, with `runs`) once it and every earlier record are marked
   * handled; a failure ends the batch with that error.
   */
  readonly afterRecord?: () => Promise<void> | undefined;
  /** Handled records whose writes may be in flight at once before the loop waits. */
  readonly maxPendingWrites?: number;
  readonly now?: () => number;
}

function isOutcomeList(
  outcomes: RecordOutcome | readonly RecordOutcome[],
): outcomes is readonly RecordOutcome[] {
  return Array.isArray(outcomes);
}

const infrastructureBackoff = { baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * Handles one fetched batch of one partition, record by record (or a batch handler's run of
 * records at a time, see `runs`), in offset order. A record's
 * offset is marked only after its handler succeeded (or the record was forwarded to a retry or
 * dead-letter topic) and what that wrote is durable; writes travel while later records are
 * handled. The batch ends early when the consumer stops or the group rebalances, after the
 * record in hand is finished and the offsets are committed. One heartbeat timer and one
 * deadline timer serve the whole batch.
 */
export async function handleBatch(
  batch: IncomingBatch,
  control: BatchControl,
  options: BatchLoopOptions,
  infrastructureAttempt = { count: 0 },
): Promise<void> {
  const now = options.now ?? Date.now;
  let rebalance: RebalanceSignal | undefined;
  // kafkajs sends a heartbeat only once its interval has passed since the last one, so asking
  // twice per interval keeps the gap under one and a half intervals.
  const beatEveryMs = Math.max(1, options.heartbeatIntervalMs / 2);
  let lastBeatAt = now();
  const heartbeat = async () => {
    lastBeatAt = now();
    try {
      await control.heartbeat();
    } catch (error) {
      if (error instanceof RebalanceSignal) rebalance = error;
      // Any other heartbeat failure resurfaces on the client's own next heartbeat.
    }
  };
  const releasing = () => rebalance !== undefined || options.stopping();
  const writes = new PendingWrites(control, options.onOutcome, (record, outcome, error) => {
    const instead = outcome.kind === 'handled' ? options.refused?.(record, error) : undefined;
    return instead && { outcome: instead, written: options.settle(record, instead) };
  });
  const maxPendingWrites = options.maxPendingWrites ?? 1_000;
  const deadlines = new HandlerDeadlines(now);

  /** Reads the partition again from `record` after a failure that was not the record's. */
  const rewind = async (record: IncomingRecord, error: unknown) => {
    options.onInfrastructureFailure(error);
    infrastructureAttempt.count += 1;
    control.seek(record.offset);
    await sleep(fullJitterDelay(infrastructureAttempt.count, infrastructureBackoff));
  };
  /** Marks what was written; false when a write failed and the partition was rewound. */
  const settled = async () => {
    const failed = await writes.drain();
    if (failed) await rewind(failed.record, failed.error);
    return failed === undefined;
  };

  // The timer beats while a handler awaits; the loop beats between records, so a batch of
  // handlers that never yield to the event loop still keeps its member in the group.
  await withHeartbeats(heartbeat, beatEveryMs, async () => {
    try {
      const records = batch.records;
      /** Records before this index are handled alone: their batch handler's call failed. */
      let aloneUntil = 0;
      let ahead: DecodedAhead | undefined;
      for (let index = 0; index < records.length;) {
        const record = records[index] as IncomingRecord;
        if (releasing() || !control.isActive()) break;
        const dueAt = Number(record.headers[failureHeaders.retryDueAt] ?? 0);
        if (dueAt > now()) {
          if (await settled()) {
            control.seek(record.offset);
            options.holdUntil(batch, dueAt);
          }
          return;
        }
        let outcomes: RecordOutcome | readonly RecordOutcome[];
        try {
          if (options.runs && index >= aloneUntil) {
            const run = await options.runs.processRun(records, index, releasing, deadlines, ahead);
            ahead = undefined;
            if (run.kind === 'handle-alone') {
              aloneUntil = index + run.count;
              continue;
            }
            outcomes = run.outcomes;
            ahead = run.ahead;
          } else {
            outcomes = await options.processor.process(record, releasing, deadlines);
          }
        } catch (error) {
          if (await settled()) await rewind(record, error);
          return;
        }
        infrastructureAttempt.count = 0;
        if (isOutcomeList(outcomes)) {
          for (const outcome of outcomes) {
            const handled = records[index] as IncomingRecord;
            writes.add(handled, outcome, options.settle(handled, outcome));
            index += 1;
          }
        } else {
          writes.add(record, outcomes, options.settle(record, outcomes));
          index += 1;
        }
        if (writes.size >= maxPendingWrites || (options.afterRecord && writes.size > 0)) {
          if (!(await settled())) return;
        }
        // Awaited only when there is something to wait for: `await undefined` costs a promise.
        const after = options.afterRecord?.();
        if (after) await after;
        if (now() - lastBeatAt >= beatEveryMs) await heartbeat();
      }
      await settled();
    } finally {
      deadlines.close();
    }
  });
  await control.commit();
  if (rebalance) throw rebalance;
}

import { setTimeout as sleep } from 'node:timers/promises';
import {
  RebalanceSignal,
  type BatchControl,
  type IncomingBatch,
  type IncomingRecord,
} from '../port/broker-port';
import { fullJitterDelay } from '../retry/backoff';
import { failureHeaders } from '../retry/failure-headers';
import { withHeartbeats } from './heartbeats';
import type { RecordOutcome, RecordProcessor } from './record-processor';

export interface BatchLoopOptions {
  readonly processor: Pick<RecordProcessor<unknown>, 'process'>;
  /**
   * Finishes a record before its offset is marked: writes what it produced or the copy bound
   * for a retry or dead-letter topic, and resolves once that is durable.
   */
  readonly settle: (record: IncomingRecord, outcome: RecordOutcome) => Promise<void>;
  readonly heartbeatIntervalMs: number;
  readonly stopping: () => boolean;
  /** A retry-topic record is not due yet: stop reading its partition until `dueAt`. */
  readonly holdUntil: (batch: IncomingBatch, dueAt: number) => void;
  readonly onOutcome: (record: IncomingRecord, outcome: RecordOutcome) => void;
  /** A failure outside the record (registry or broker down); the record will be read again. */
  readonly onInfrastructureFailure: (error: unknown) => void;
  /** Runs after each record is marked handled; a failure ends the batch with that error. */
  readonly afterRecord?: () => Promise<void>;
  readonly now?: () => number;
}

const infrastructureBackoff = { baseDelayMs: 500, maxDelayMs: 10_000 };

/**
 * Handles one fetched batch of one partition, record by record, in offset order. A record's
 * offset is marked only after its handler succeeded or the record was durably forwarded to a
 * retry or dead-letter topic; the batch ends early when the consumer stops or the group
 * rebalances, after the record in hand is finished and its offset committed.
 */
export async function handleBatch(
  batch: IncomingBatch,
  control: BatchControl,
  options: BatchLoopOptions,
  infrastructureAttempt = { count: 0 },
): Promise<void> {
  const now = options.now ?? Date.now;
  let rebalance: RebalanceSignal | undefined;
  const heartbeat = async () => {
    try {
      await control.heartbeat();
    } catch (error) {
      if (error instanceof RebalanceSignal) rebalance = error;
      // Any other heartbeat failure resurfaces on the client's own next heartbeat.
    }
  };
  const releasing = () => rebalance !== undefined || options.stopping();

  for (const record of batch.records) {
    if (releasing() || !control.isActive()) break;
    const dueAt = Number(record.headers[failureHeaders.retryDueAt] ?? 0);
    if (dueAt > now()) {
      control.seek(record.offset);
      options.holdUntil(batch, dueAt);
      break;
    }
    try {
      const outcome = await withHeartbeats(heartbeat, options.heartbeatIntervalMs, () =>
        options.processor.process(record, releasing),
      );
      await options.settle(record, outcome);
      control.markHandled(record.offset);
      infrastructureAttempt.count = 0;
      options.onOutcome(record, outcome);
    } catch (error) {
      options.onInfrastructureFailure(error);
      infrastructureAttempt.count += 1;
      control.seek(record.offset);
      await sleep(fullJitterDelay(infrastructureAttempt.count, infrastructureBackoff));
      break;
    }
    await options.afterRecord?.();
    await heartbeat();
  }
  await control.commit();
  if (rebalance) throw rebalance;
}

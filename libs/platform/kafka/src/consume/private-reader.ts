import type { ConsumerSettings } from '../port/broker-port';

/**
 * Settings of a reader that is no service's consumer group (a DLQ listing, a requester's
 * replies): one partition at a time, read_committed, and it never commits.
 */
export function privateReaderSettings(reader: {
  readonly clientId: string;
  readonly groupId: string;
  readonly fromBeginning: boolean;
}): ConsumerSettings {
  return {
    ...reader,
    sessionTimeoutMs: 30_000,
    heartbeatIntervalMs: 3_000,
    rebalanceTimeoutMs: 30_000,
    concurrentPartitions: 1,
    maxBytesPerPartition: 1_048_576,
    readCommitted: true,
    autoCommit: false,
  };
}

import type { Headers } from '../port/broker-port';

/** Headers a record gains on its way to a retry or dead-letter topic: where it came from and why. */
export const failureHeaders = {
  sourceTopic: 'fieldline-failure-source-topic',
  sourcePartition: 'fieldline-failure-source-partition',
  sourceOffset: 'fieldline-failure-source-offset',
  consumerGroup: 'fieldline-failure-consumer-group',
  errorType: 'fieldline-failure-error-type',
  errorMessage: 'fieldline-failure-error-message',
  retriable: 'fieldline-failure-retriable',
  attempts: 'fieldline-failure-attempts',
  firstFailureAt: 'fieldline-failure-first-at',
  lastFailureAt: 'fieldline-failure-last-at',
  /** On retry topics: when the record may be tried again (epoch milliseconds). */
  retryDueAt: 'fieldline-retry-due-at',
  /** On retry topics: which retry topic (1-based) the record is in. */
  retryTier: 'fieldline-retry-tier',
} as const;

const failureHeaderNames = new Set<string>(Object.values(failureHeaders));

/** Where a record was first consumed, and its failure history so far. */
export interface FailureHistory {
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
  readonly attempts: number;
  readonly firstFailureAt: number;
  readonly tier: number;
}

/** The history a retry-topic record carries; undefined for a record on its original topic. */
export function historyOf(headers: Headers): FailureHistory | undefined {
  const sourceTopic = headers[failureHeaders.sourceTopic];
  if (sourceTopic === undefined) return undefined;
  return {
    sourceTopic,
    sourcePartition: Number(headers[failureHeaders.sourcePartition]),
    sourceOffset: headers[failureHeaders.sourceOffset] ?? '-1',
    attempts: Number(headers[failureHeaders.attempts] ?? 0),
    firstFailureAt: Number(headers[failureHeaders.firstFailureAt] ?? Date.now()),
    tier: Number(headers[failureHeaders.retryTier] ?? 0),
  };
}

export interface FailureDescription {
  readonly history: FailureHistory;
  readonly groupId: string;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly retriable: boolean;
  readonly failedAt: number;
  readonly retry?: { readonly tier: number; readonly dueAt: number };
}

/** The record's original headers, minus any earlier failure headers, plus this failure's. */
export function withFailureHeaders(
  original: Headers,
  failure: FailureDescription,
): Record<string, string> {
  const headers = withoutFailureHeaders(original);
  const { history } = failure;
  Object.assign(headers, {
    [failureHeaders.sourceTopic]: history.sourceTopic,
    [failureHeaders.sourcePartition]: String(history.sourcePartition),
    [failureHeaders.sourceOffset]: history.sourceOffset,
    [failureHeaders.consumerGroup]: failure.groupId,
    [failureHeaders.errorType]: failure.errorType,
    [failureHeaders.errorMessage]: failure.errorMessage.slice(0, 2_000),
    [failureHeaders.retriable]: String(failure.retriable),
    [failureHeaders.attempts]: String(history.attempts),
    [failureHeaders.firstFailureAt]: String(history.firstFailureAt),
    [failureHeaders.lastFailureAt]: String(failure.failedAt),
  });
  if (failure.retry) {
    headers[failureHeaders.retryTier] = String(failure.retry.tier);
    headers[failureHeaders.retryDueAt] = String(failure.retry.dueAt);
  }
  return headers;
}

export function withoutFailureHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !failureHeaderNames.has(name)),
  );
}

import type { BackoffSettings } from './backoff';

export interface RetryPolicy extends BackoffSettings {
  /** Handler attempts in process, the first included, before a record leaves for a retry topic. */
  readonly attemptsInProcess: number;
  /** One non-blocking retry topic per entry: how long a record waits there before its next try. */
  readonly retryTopicDelaysMs: readonly number[];
}

export const defaultRetryPolicy: RetryPolicy = {
  attemptsInProcess: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  retryTopicDelaysMs: [10_000, 60_000, 600_000],
};

export interface FailedAttempt {
  readonly retriable: boolean;
  /** The handler was aborted at its deadline: trying again right away would block the partition again. */
  readonly timedOut: boolean;
  /** Attempts made in this process for this delivery, the failed one included. */
  readonly attemptsHere: number;
  /** 0 for the record's own topic, n for the n-th retry topic. */
  readonly tier: number;
  /** The partition is being handed over: leave it quickly. */
  readonly releasing: boolean;
}

export type NextStep =
  | { readonly kind: 'retry-here'; readonly attempt: number }
  | { readonly kind: 'retry-topic'; readonly tier: number; readonly delayMs: number }
  | { readonly kind: 'dead-letter' };

/** Where a failed record goes next. */
export function nextStep(failure: FailedAttempt, policy: RetryPolicy): NextStep {
  if (!failure.retriable) return { kind: 'dead-letter' };
  const mayRetryHere =
    !failure.timedOut && !failure.releasing && failure.attemptsHere < policy.attemptsInProcess;
  if (mayRetryHere) return { kind: 'retry-here', attempt: failure.attemptsHere + 1 };
  const delayMs = policy.retryTopicDelaysMs[failure.tier];
  if (delayMs === undefined) return { kind: 'dead-letter' };
  return { kind: 'retry-topic', tier: failure.tier + 1, delayMs };
}

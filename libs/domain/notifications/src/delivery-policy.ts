import type { Subscription } from './subscription';

/** What a subscription already sent, as far as the policy needs to know. */
export interface SendHistory {
  /** When this dedup key was last notified, if ever. */
  readonly lastSentForKey: number | undefined;
  /** When the subscription last notified anything. */
  readonly lastSentAt: number | undefined;
  /** How many notifications it sent within the rate limit's window before `at`. */
  readonly sentInWindow: number;
}

export type Decision = 'send' | 'duplicate' | 'rate-limited' | 'quiet';

/**
 * Whether a match becomes a notification at event time `at`: once per dedup key within the
 * dedup window, never within the quiet period after the last one, and no more than the rate
 * limit allows.
 */
export function decide(subscription: Subscription, history: SendHistory, at: number): Decision {
  if (
    history.lastSentForKey !== undefined &&
    at - history.lastSentForKey < subscription.dedupWindowMs
  ) {
    return 'duplicate';
  }
  if (history.lastSentAt !== undefined && at - history.lastSentAt < subscription.quietPeriodMs)
    return 'quiet';
  if (history.sentInWindow >= subscription.rateLimit.max) return 'rate-limited';
  return 'send';
}

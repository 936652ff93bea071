import type { MetricName } from '@fieldline/domain-observations';
import type { PatternKind, PatternPhase } from '@fieldline/domain-patterns';
import type { RelationshipKind } from '@fieldline/domain-relationships';

export type Channel = 'WEBHOOK' | 'STREAM' | 'EMAIL';
export type Severity = 'INFO' | 'WARNING' | 'CRITICAL';

/** One thing a subscriber wants to hear about; a subscription matches when any condition does. */
export type Condition =
  | {
      readonly on: 'pattern';
      readonly kinds?: readonly PatternKind[];
      readonly metrics?: readonly MetricName[];
      readonly phases?: readonly PatternPhase[];
      readonly minStrength?: number;
    }
  | { readonly on: 'field-state'; readonly dimension: MetricName; readonly minScore: number }
  | {
      readonly on: 'relationship';
      readonly kinds?: readonly RelationshipKind[];
      readonly minStrength?: number;
    };

export interface Subscription {
  readonly id: string;
  readonly name: string;
  readonly channel: Channel;
  /** The webhook URL, the e-mail address, or the stream's name. */
  readonly target: string;
  readonly conditions: readonly Condition[];
  /** Only these regions; every region when empty. */
  readonly regionIds: readonly string[];
  /** The same dedup key is notified once within this window. */
  readonly dedupWindowMs: number;
  /** At most `max` notifications per `perMs`; more are suppressed. */
  readonly rateLimit: { readonly max: number; readonly perMs: number };
  /** After a notification, nothing more for this long. */
  readonly quietPeriodMs: number;
}

import type { MetricName } from '@fieldline/domain-observations';
import type { PatternKind, PatternPhase } from '@fieldline/domain-patterns';
import type { RelationshipKind } from '@fieldline/domain-relationships';

/** An event a subscription may match, as the notifier reads it. */
export type Notifiable =
  | {
      readonly on: 'pattern';
      readonly eventId: string;
      readonly at: number;
      readonly patternId: string;
      readonly regionId: string;
      readonly kind: PatternKind;
      /** Known from the detection; an evolution carries none. */
      readonly metrics: readonly MetricName[];
      readonly phase: PatternPhase;
      readonly strength: number;
    }
  | {
      readonly on: 'field-state';
      readonly eventId: string;
      readonly at: number;
      readonly regionId: string;
      readonly version: number;
      readonly scores: Readonly<Partial<Record<MetricName, number>>>;
    }
  | {
      readonly on: 'relationship';
      readonly eventId: string;
      readonly at: number;
      readonly relationshipId: string;
      readonly kind: RelationshipKind;
      readonly regionIds: readonly string[];
      readonly strength: number;
      /** A RelationshipFormed; a RelationshipChanged is not. */
      readonly formed: boolean;
    };

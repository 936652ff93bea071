import type { MetricName } from '@fieldline/domain-observations';
import type { PatternKind } from '@fieldline/domain-patterns';

export type RelationshipKind = 'CO_OCCURS' | 'PRECEDES' | 'SPATIAL_NEIGHBOUR' | 'AMPLIFIES';

/** A pattern event as the relationship detector sees it. */
export interface PatternSighting {
  readonly patternId: string;
  readonly regionId: string;
  readonly kind: PatternKind;
  /** From the detection; an evolution does not repeat them. */
  readonly metrics?: readonly MetricName[];
  readonly strength: number;
  readonly dissolved: boolean;
  readonly at: number;
}

export interface Relationship {
  /** The two pattern ids, sorted, joined by ":" (the topic's key). */
  readonly pairId: string;
  readonly kind: RelationshipKind;
  /** The pattern that came first (for PRECEDES, the earlier one). */
  readonly sourcePatternId: string;
  readonly targetPatternId: string;
  readonly sourceRegionId: string;
  readonly targetRegionId: string;
  readonly strength: number;
  /** From the source's start to the target's, for PRECEDES. */
  readonly lagMillis: number | null;
  readonly formedAt: number;
  /** A live relationship ends when one of its patterns dissolves; it is not formed again. */
  readonly ended: boolean;
}

export type RelationshipChange =
  | { readonly type: 'formed'; readonly relationship: Relationship }
  | {
      readonly type: 'changed';
      readonly relationship: Relationship;
      readonly previousStrength: number;
      readonly dissolved: boolean;
      readonly at: number;
    };

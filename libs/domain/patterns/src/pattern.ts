import type { MetricName } from '@fieldline/domain-observations';

export type PatternKind = 'THRESHOLD_EXCEEDANCE' | 'TREND' | 'ANOMALY' | 'CO_OCCURRENCE';
export type PatternPhase = 'EMERGING' | 'STRENGTHENING' | 'WEAKENING' | 'DISSOLVED';

/** A pattern as it stands after a change: what downstream events are made from. */
export interface PatternState {
  /**
   * Stable natural id: region, kind, metrics and the event time it was detected at. The same input
   * always yields the same id, so a replay names its patterns as the first run did.
   */
  readonly patternId: string;
  readonly regionId: string;
  readonly kind: PatternKind;
  readonly metrics: readonly MetricName[];
  readonly phase: PatternPhase;
  readonly strength: number;
  readonly confidence: number;
  readonly window: { readonly start: number; readonly end: number };
  readonly evidenceIds: readonly string[];
  /** Counts this pattern's changes from 0 (its detection): (patternId, seq) names one change. */
  readonly seq: number;
}

export type PatternChange =
  | { readonly type: 'detected'; readonly pattern: PatternState }
  | {
      readonly type: 'evolved';
      readonly pattern: PatternState;
      readonly previousPhase: PatternPhase;
    };

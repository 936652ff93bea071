import type { MetricName } from './metrics';

/** A climate-risk reading as the domain sees it, after validation at the edge. */
export interface Observation {
  readonly source: string;
  readonly regionId: string;
  readonly metric: MetricName;
  readonly value: number;
  readonly unit: string;
  /** Milliseconds since the epoch, UTC. */
  readonly observedAt: number;
  readonly attributes: Readonly<Record<string, string>>;
  /** From 0 to 1, or null when the source reports none. */
  readonly confidence: number | null;
}

/** What is wrong with one field of the input, named by its path (`observations[3].value`). */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

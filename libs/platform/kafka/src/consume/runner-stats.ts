/** What a consumer runner has done so far; exported as metrics by the telemetry layer. */
export interface RunnerStats {
  handled: number;
  ignored: number;
  retriedLater: number;
  deadLettered: number;
  infrastructureFailures: number;
  /** Completed rebalances after the first join. */
  rebalances: number;
  /** How long the latest rebalance took, from its start to this member's rejoin. */
  lastRebalanceMs: number;
  totalRebalanceMs: number;
  /** Times the runner replaced a stalled or crashed client. */
  restarts: number;
  /** Exactly-once stage: partitions given up because another instance fenced this one. */
  fencedOut: number;
  assigned: number;
  /** Has joined its group and holds an assignment (possibly empty); false while (re)joining. */
  joined: boolean;
  pausedForBackpressure: boolean;
}

export function emptyStats(): RunnerStats {
  return {
    handled: 0,
    ignored: 0,
    retriedLater: 0,
    deadLettered: 0,
    infrastructureFailures: 0,
    rebalances: 0,
    lastRebalanceMs: 0,
    totalRebalanceMs: 0,
    restarts: 0,
    fencedOut: 0,
    assigned: 0,
    joined: false,
    pausedForBackpressure: false,
  };
}

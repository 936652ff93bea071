import { metrics, type BatchObservableResult } from '@opentelemetry/api';
import type { RunnerStats } from '../consume/runner-stats';
import { messaging } from './messaging-attributes';

/** A consumer runner or exactly-once stage, by its group. */
export interface ObservedRunner {
  readonly groupId: string;
  stats(): Readonly<RunnerStats>;
}

/**
 * Reports the group membership of a runtime's consumers as metrics: rebalances and the time
 * spent in them, assigned partitions, and restarts of stalled or crashed clients. Observed at
 * collection from the runners' own counters (see RunnerStats).
 */
export class RunnerMetrics {
  private readonly runners: ObservedRunner[] = [];
  private registered: (() => void) | undefined;

  add(runner: ObservedRunner): void {
    this.runners.push(runner);
    this.registered ??= this.register();
  }

  stop(): void {
    this.registered?.();
    this.registered = undefined;
    this.runners.length = 0;
  }

  private register(): () => void {
    const meter = metrics.getMeter('@fieldline/platform-kafka');
    const rebalances = meter.createObservableCounter('fieldline.messaging.rebalances', {
      description: 'Completed rebalances of a consumer group member after its first join',
      unit: '{rebalance}',
    });
    const rebalanceTime = meter.createObservableCounter('fieldline.messaging.rebalance.time', {
      description: 'Time spent rebalancing, from a rebalance’s start to this member’s rejoin',
      unit: 's',
    });
    const assigned = meter.createObservableGauge('fieldline.messaging.assigned_partitions', {
      description: 'Partitions assigned to this member',
      unit: '{partition}',
    });
    const restarts = meter.createObservableCounter('fieldline.messaging.consumer.restarts', {
      description: 'Clients replaced because they stalled or crashed',
      unit: '{restart}',
    });
    const observe = (result: BatchObservableResult) => {
      for (const runner of this.runners) {
        const stats = runner.stats();
        const attributes = { [messaging.consumerGroup]: runner.groupId };
        result.observe(rebalances, stats.rebalances, attributes);
        result.observe(rebalanceTime, stats.totalRebalanceMs / 1_000, attributes);
        result.observe(assigned, stats.assigned, attributes);
        result.observe(restarts, stats.restarts, attributes);
      }
    };
    const instruments = [rebalances, rebalanceTime, assigned, restarts];
    meter.addBatchObservableCallback(observe, instruments);
    return () => meter.removeBatchObservableCallback(observe, instruments);
  }
}

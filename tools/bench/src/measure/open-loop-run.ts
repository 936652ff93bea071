import { performance } from 'node:perf_hooks';
import type { CellResult, CellSpec } from '../cells/cell-spec';
import { latencyRecords, latencyWarmupMs, registryHost } from '../cells/cell-support';
import { paced, until } from '../cells/driving';
import { LatencyRecorder } from './latency-recorder';
import { MeasuredWindow } from './measured-window';

/**
 * One open-loop latency run, whoever sends and consumes: paces the sends, records publish
 * latency when a send is acknowledged and end-to-end latency when the consumer reports a record,
 * both from the intended send time and only after the warm-up.
 */
export class OpenLoopRun {
  readonly total: number;
  private readonly publishLatency = new LatencyRecorder();
  private readonly endToEnd = new LatencyRecorder();
  private measuredFrom = Number.POSITIVE_INFINITY;
  private receivedCount = 0;

  constructor(private readonly spec: CellSpec) {
    this.total = latencyRecords(spec);
  }

  /** The consumer saw a record whose sent-at header reads `sentAt`. */
  received(sentAt: string | undefined, now = performance.now()): void {
    this.receivedCount += 1;
    const intendedAt = Number(sentAt);
    if (intendedAt >= this.measuredFrom) this.endToEnd.recordMs(now - intendedAt);
  }

  /** Drives `send` at the spec's rate; it gets the first record's index and each intended time. */
  async drive(
    send: (first: number, intendedAt: readonly number[]) => Promise<unknown>,
  ): Promise<CellResult> {
    const window = new MeasuredWindow(registryHost(this.spec));
    const sends: Promise<unknown>[] = [];
    this.measuredFrom = performance.now() + latencyWarmupMs;
    setTimeout(() => window.start(), latencyWarmupMs);
    // A client that fell behind has many records due at once; one send of all of them could
    // pass the broker's 1 MB request limit, so they leave in sends of at most half of it.
    const mostPerSend = Math.max(1, Math.floor((512 * 1024) / this.spec.valueBytes));
    await paced(this.spec.ratePerSecond as number, this.total, (first, due) => {
      for (let from = 0; from < due.length; from += mostPerSend) {
        const intendedAt = due.slice(from, from + mostPerSend);
        sends.push(
          send(first + from, intendedAt).then(() => {
            const now = performance.now();
            for (const at of intendedAt) {
              if (at >= this.measuredFrom) this.publishLatency.recordMs(now - at);
            }
          }),
        );
      }
    });
    await Promise.all(sends);
    await until(
      () => this.receivedCount >= this.total,
      60_000,
      () => `received ${this.receivedCount}/${this.total}`,
    );
    return window.stop(this.endToEnd.count, this.spec.valueBytes, {
      publishLatencyMs: this.publishLatency.percentiles(),
      endToEndLatencyMs: this.endToEnd.percentiles(),
    });
  }
}

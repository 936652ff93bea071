import { performance } from 'node:perf_hooks';
import type { CellResult, CellSpec } from '../cells/cell-spec';
import { registryHost } from '../cells/cell-support';
import { LatencyRecorder } from './latency-recorder';
import { MeasuredWindow } from './measured-window';

/** Awaits `send(i)` one record at a time: 50 warm-up sends, then `spec.records` timed ones. */
export async function timedSingleSends(
  spec: CellSpec,
  send: (index: number) => Promise<unknown>,
): Promise<CellResult> {
  for (let index = 0; index < 50; index += 1) await send(index);
  const latencies = new LatencyRecorder();
  const window = new MeasuredWindow(registryHost(spec));
  window.start();
  for (let index = 0; index < spec.records; index += 1) {
    const startedAt = performance.now();
    await send(index);
    latencies.recordMs(performance.now() - startedAt);
  }
  return window.stop(spec.records, spec.valueBytes, {
    publishLatencyMs: latencies.percentiles(),
  });
}

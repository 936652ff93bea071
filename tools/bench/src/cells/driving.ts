import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Closed-loop driving for maximum throughput: `total` records in sends of `batchSize`, with
 * up to `window` sends outstanding so encoding overlaps the network.
 */
export async function pipelined(
  total: number,
  batchSize: number,
  send: (from: number, count: number) => Promise<unknown>,
  window = 4,
): Promise<void> {
  const outstanding = new Set<Promise<unknown>>();
  for (let from = 0; from < total; from += batchSize) {
    const sending = send(from, Math.min(batchSize, total - from));
    outstanding.add(sending);
    void sending.then(
      () => outstanding.delete(sending),
      () => outstanding.delete(sending),
    );
    if (outstanding.size >= window) await Promise.race(outstanding);
  }
  await Promise.all(outstanding);
}

/**
 * Open-loop pacing: record `i` is due at `start + i / rate`, whatever happened to earlier
 * ones, so a slow system shows up as latency instead of quietly lowering the rate. Each tick
 * hands the records that came due to `send` with their intended send times.
 */
export async function paced(
  ratePerSecond: number,
  totalRecords: number,
  send: (first: number, intendedAt: readonly number[]) => void,
): Promise<void> {
  const start = performance.now();
  const intervalMs = 1000 / ratePerSecond;
  let sent = 0;
  while (sent < totalRecords) {
    const due = Math.min(totalRecords, Math.floor((performance.now() - start) / intervalMs) + 1);
    if (due > sent) {
      const intendedAt = Array.from(
        { length: due - sent },
        (_, index) => start + (sent + index) * intervalMs,
      );
      send(sent, intendedAt);
      sent = due;
    }
    await sleep(1);
  }
}

/** Resolves when `done()` holds, rejecting after `timeoutMs` with what was still missing. */
export async function until(
  done: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await sleep(5);
  }
}

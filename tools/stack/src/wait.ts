import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between probes: a process that died will never become healthy. */
  readonly abortIf?: () => string | undefined;
}

/**
 * Polls `probe` until it resolves true. Rejects with the last probe error (or the abort reason)
 * once the deadline passes, so the caller can say why the component never became ready.
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  { timeoutMs, intervalMs = 250, abortIf }: WaitOptions,
): Promise<number> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    const abortReason = abortIf?.();
    if (abortReason !== undefined) throw new Error(abortReason);
    try {
      if (await probe()) return Date.now() - started;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`not ready after ${Math.round(timeoutMs / 1000)}s${detail}`);
    }
    await sleep(intervalMs);
  }
}

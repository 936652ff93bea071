import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** What is awaited, for the timeout message ("all 10000 records consumed"). */
  readonly description: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/**
 * Waits for a real condition instead of sleeping a guessed time. The condition returns a
 * truthy value when met; the timeout error names what never happened and the last error seen.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { description, timeoutMs = 30_000, intervalMs = 100 }: WaitForOptions,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${description}${cause}`);
    }
    await sleep(intervalMs);
  }
}

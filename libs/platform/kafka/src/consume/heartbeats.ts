/**
 * Runs `work` while calling `beat` every `intervalMs`, so a long batch or a long handler keeps
 * its member in the group (kafkajs only heartbeats between batches on its own). Beats never
 * overlap.
 */
export async function withHeartbeats<T>(
  beat: () => Promise<void>,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<T> {
  let beating: Promise<void> | undefined;
  const timer = setInterval(() => {
    beating ??= beat().finally(() => (beating = undefined));
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await beating;
  }
}

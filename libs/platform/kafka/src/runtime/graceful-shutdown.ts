export interface Stoppable {
  /** Resolves true when it stopped cleanly within `deadlineMs`. */
  stop(deadlineMs: number): Promise<boolean>;
}

export interface ShutdownOptions {
  /** Everything in-flight must be finished and committed within this; default 25 s (under Kubernetes' 30 s grace). */
  readonly deadlineMs?: number;
  readonly signals?: readonly NodeJS.Signals[];
  readonly exit?: (code: number) => void;
  readonly log?: (message: string) => void;
}

/**
 * On SIGTERM or SIGINT: stops every part (consumers stop fetching, finish in-flight handlers,
 * commit and leave their groups; publishers flush) within one deadline, then exits 0 — or 1
 * when the deadline passed first. A second signal exits at once.
 */
export function stopOnSignals(
  parts: readonly Stoppable[],
  options: ShutdownOptions = {},
): () => void {
  const deadlineMs = options.deadlineMs ?? 25_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      exit(1);
      return;
    }
    stopping = true;
    log(`${signal}: stopping within ${deadlineMs} ms`);
    const startedAt = Date.now();
    void Promise.all(parts.map((part) => part.stop(deadlineMs).catch(() => false))).then(
      (results) => {
        const clean = results.every(Boolean);
        log(
          clean
            ? `stopped cleanly in ${Date.now() - startedAt} ms`
            : 'deadline passed before everything stopped',
        );
        exit(clean ? 0 : 1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

import { FieldlineError } from '@fieldline/shared-errors';

/** One handler attempt under a deadline; its signal is created when the handler first asks. */
export class Attempt {
  private controller: AbortController | undefined;
  private timedOut: FieldlineError | undefined;
  /** The attempt has finished, failed or timed out: what it does from now on does not count. */
  ended = false;
  /** Rejects the attempt's outcome; set by HandlerDeadlines. */
  expire: (error: FieldlineError) => void = () => undefined;

  constructor(
    readonly deadlineMs: number,
    readonly dueAt: number,
  ) {}

  /** Aborted when the deadline passes. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.timedOut) this.controller.abort(this.timedOut);
    }
    return this.controller.signal;
  }

  timeOut(): void {
    this.ended = true;
    this.timedOut = new FieldlineError(
      'HANDLER_TIMEOUT',
      `The handler ran past its ${this.deadlineMs} ms deadline`,
    );
    this.controller?.abort(this.timedOut);
    this.expire(this.timedOut);
  }
}

/**
 * Deadlines of the attempts one partition runs, one after another, on a single timer. A timer
 * armed for an attempt that finished in time stays armed and, when it fires, re-arms for the
 * attempt running then: a batch of quick records costs one timer, not a timer and an
 * AbortController per record.
 */
export class HandlerDeadlines {
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Infinity;
  private running: Attempt | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Resolves or rejects with `work`, or rejects with a retriable HANDLER_TIMEOUT at the deadline
   * (aborting the attempt's signal) without waiting for work that ignores its signal. Call
   * finish() once it settled: from then on the attempt is over (`ended`) and never times out.
   */
  run<T>(deadlineMs: number, work: (attempt: Attempt) => Promise<T>): Promise<T> {
    const attempt = new Attempt(deadlineMs, this.now() + deadlineMs);
    this.running = attempt;
    this.arm(attempt.dueAt);
    return new Promise<T>((resolve, reject) => {
      attempt.expire = reject;
      let outcome: Promise<T>;
      try {
        outcome = work(attempt);
      } catch (error) {
        reject(error);
        return;
      }
      outcome.then(resolve, reject);
    });
  }

  /** The attempt started last is over. */
  finish(): void {
    if (this.running) this.running.ended = true;
    this.running = undefined;
  }

  /** Clears the timer; call when the partition's batch is done. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Infinity;
  }

  private arm(dueAt: number): void {
    if (this.timer && this.timerDueAt <= dueAt) return;
    clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => this.fire(), Math.max(0, dueAt - this.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDueAt = Infinity;
    const attempt = this.running;
    if (!attempt || attempt.ended) return;
    if (this.now() >= attempt.dueAt) attempt.timeOut();
    else this.arm(attempt.dueAt);
  }
}

/** Resolves true when `work` finished within `deadlineMs`, false at the deadline (work goes on). */
export async function finishesWithin(
  deadlineMs: number,
  work: () => Promise<unknown>,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  try {
    return await Promise.race([work().then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

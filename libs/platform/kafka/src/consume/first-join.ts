import { FieldlineError } from '@fieldline/shared-errors';

/**
 * The first time a consumer joins its group, awaited by `start()`: it resolves once the member
 * has its partitions, and rejects when the client gives up before that (the group refused the
 * member: not authorized, or a setting the broker does not accept), so a start that cannot
 * work fails instead of leaving a member that never joins.
 */
export class FirstJoin {
  readonly settled: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;
  private done = false;

  constructor() {
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // start() may have failed earlier and no longer be waiting.
    this.settled.catch(() => undefined);
  }

  joined(): void {
    this.done = true;
    this.resolve();
  }

  /**
   * The client crashed. True when that ends the start (before the first join, and the client
   * will not try again, or no retry can help): the caller must not restart it.
   */
  crashed(error: unknown, willRestart: boolean): boolean {
    if (this.done) return false;
    const hopeless = error instanceof FieldlineError && !error.retriable;
    if (willRestart && !hopeless) return false;
    this.done = true;
    this.reject(error);
    return true;
  }
}

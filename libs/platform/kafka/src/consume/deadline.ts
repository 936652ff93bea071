import { FieldlineError } from '@fieldline/shared-errors';

/**
 * Runs `work` with an AbortSignal that fires after `deadlineMs`. Resolves or rejects with the
 * work, or rejects with HANDLER_TIMEOUT at the deadline without waiting for work that ignores
 * its signal.
 */
export async function withDeadline<T>(
  deadlineMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new FieldlineError(
        'HANDLER_TIMEOUT',
        `The handler ran past its ${deadlineMs} ms deadline`,
      );
      controller.abort(error);
      reject(error);
    }, deadlineMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
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

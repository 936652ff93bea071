import { Router } from 'express';

/** One dependency readiness depends on; `check` rejects with the reason it is not ready. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/**
 * `/healthz`: the process is alive and serving. `/readyz`: every dependency answered within
 * the timeout, or a 503 naming each that did not and why.
 */
export function healthRoutes(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), timeoutMs, `no answer within ${timeoutMs} ms`);
          return { name, ready: true };
        } catch (error) {
          return {
            name,
            ready: false,
            reason: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    const ready = results.every((result) => result.ready);
    response
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', checks: results });
  });
  return router;
}

async function withTimeout<T>(work: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(reason)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

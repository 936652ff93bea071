/** kafkajs retry settings: waits double from initialRetryTime up to maxRetryTime. */
export interface KafkajsRetry {
  readonly initialRetryTime: number;
  readonly maxRetryTime: number;
  readonly multiplier: number;
  readonly factor: number;
  readonly retries: number;
}

const initialRetryTime = 100;
const maxRetryTime = 2_000;
const multiplier = 2;

/**
 * The number of kafkajs retries whose (jitter-free) waits add up to `budgetMs`, so a send keeps
 * trying through a broker restart yet fails, visibly, after about that long.
 */
export function retriesWithin(budgetMs: number): KafkajsRetry {
  let waited = 0;
  let wait = initialRetryTime;
  let retries = 0;
  while (waited < budgetMs) {
    waited += wait;
    wait = Math.min(wait * multiplier, maxRetryTime);
    retries += 1;
  }
  return { initialRetryTime, maxRetryTime, multiplier, factor: 0.2, retries };
}

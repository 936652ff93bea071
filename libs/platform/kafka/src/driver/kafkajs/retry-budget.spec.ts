import { retriesWithin } from './retry-budget';

describe('retriesWithin', () => {
  it('spends about the budget: quick retries first, then one every two seconds', () => {
    // 100 + 200 + 400 + 800 + 1600 = 3100 ms, then 2000 ms each.
    expect(retriesWithin(3_100).retries).toBe(5);
    expect(retriesWithin(60_000).retries).toBe(5 + Math.ceil((60_000 - 3_100) / 2_000));
  });

  it('retries at least once', () => {
    expect(retriesWithin(1).retries).toBe(1);
  });
});

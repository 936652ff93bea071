import { fullJitterDelay } from './backoff';

const settings = { baseDelayMs: 100, maxDelayMs: 1_000 };

describe('fullJitterDelay', () => {
  it('grows the ceiling exponentially with the attempt and caps it', () => {
    const atCeiling = () => 0.999_999;
    expect(fullJitterDelay(1, settings, atCeiling)).toBe(99);
    expect(fullJitterDelay(3, settings, atCeiling)).toBe(399);
    expect(fullJitterDelay(10, settings, atCeiling)).toBe(999);
  });

  it('draws anywhere from zero to the ceiling', () => {
    expect(fullJitterDelay(3, settings, () => 0)).toBe(0);
    expect(fullJitterDelay(3, settings, () => 0.5)).toBe(200);
  });
});

import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value of the condition', async () => {
    let attempts = 0;
    const value = await waitFor(() => (++attempts === 3 ? 'ready' : undefined), {
      description: 'third attempt',
      intervalMs: 1,
    });
    expect(value).toBe('ready');
  });

  it('names what it waited for and the last error when it times out', async () => {
    const never = () => {
      throw new Error('broker unreachable');
    };
    await expect(
      waitFor(never, { description: 'group joined', timeoutMs: 20, intervalMs: 5 }),
    ).rejects.toThrow(/group joined \(last error: broker unreachable\)/);
  });
});

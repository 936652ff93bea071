import { waitUntil } from './wait';

describe('waitUntil', () => {
  it('resolves once the probe succeeds', async () => {
    let calls = 0;
    await waitUntil(async () => ++calls >= 3, { timeoutMs: 2000, intervalMs: 1 });
    expect(calls).toBe(3);
  });

  it('reports the last probe error when the deadline passes', async () => {
    const failing = async () => {
      throw new Error('connection refused');
    };
    await expect(waitUntil(failing, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      /connection refused/,
    );
  });

  it('stops early with the abort reason', async () => {
    await expect(
      waitUntil(async () => false, { timeoutMs: 5000, abortIf: () => 'the process exited' }),
    ).rejects.toThrow('the process exited');
  });
});

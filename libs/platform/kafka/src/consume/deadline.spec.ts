import { FieldlineError } from '@fieldline/shared-errors';
import { withDeadline } from './deadline';

describe('withDeadline', () => {
  it('returns what the work returns within the deadline', async () => {
    await expect(withDeadline(1_000, async () => 'done')).resolves.toBe('done');
  });

  it('aborts the signal and rejects with a retriable HANDLER_TIMEOUT past the deadline', async () => {
    let seen: AbortSignal | undefined;
    const outcome = withDeadline(20, (signal) => {
      seen = signal;
      return new Promise(() => undefined);
    });
    await expect(outcome).rejects.toMatchObject({ code: 'HANDLER_TIMEOUT', retriable: true });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(FieldlineError);
  });
});

import { FieldlineError } from '@fieldline/shared-errors';
import { HandlerDeadlines } from './deadline';

describe('HandlerDeadlines', () => {
  let deadlines: HandlerDeadlines;
  beforeEach(() => (deadlines = new HandlerDeadlines()));
  afterEach(() => deadlines.close());

  it('returns what the work returns within the deadline', async () => {
    await expect(deadlines.run(1_000, async () => 'done')).resolves.toBe('done');
  });

  it('passes on what the work throws, also when it throws before returning a promise', async () => {
    await expect(
      deadlines.run(1_000, () => {
        throw new Error('at once');
      }),
    ).rejects.toThrow('at once');
    await expect(
      deadlines.run(1_000, async () => Promise.reject(new Error('later'))),
    ).rejects.toThrow('later');
  });

  it('aborts the signal and rejects with a retriable HANDLER_TIMEOUT past the deadline', async () => {
    let seen: AbortSignal | undefined;
    const outcome = deadlines.run(20, (attempt) => {
      seen = attempt.signal;
      return new Promise(() => undefined);
    });
    await expect(outcome).rejects.toMatchObject({ code: 'HANDLER_TIMEOUT', retriable: true });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(FieldlineError);
  });

  it('gives a signal asked for only after the deadline already aborted', async () => {
    let attemptSeen: { readonly signal: AbortSignal } | undefined;
    const outcome = deadlines.run(10, (attempt) => {
      attemptSeen = attempt;
      return new Promise(() => undefined);
    });
    await expect(outcome).rejects.toMatchObject({ code: 'HANDLER_TIMEOUT' });
    expect(attemptSeen?.signal.aborted).toBe(true);
  });

  it("times out a later attempt on its own deadline, not the first attempt's", async () => {
    await deadlines.run(40, async () => 'quick');
    await new Promise((resolve) => setTimeout(resolve, 25));
    const startedAt = Date.now();
    const slow = deadlines.run(40, () => new Promise(() => undefined));
    await expect(slow).rejects.toMatchObject({ code: 'HANDLER_TIMEOUT' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(39);
  });

  it('times out a shorter deadline that follows a longer one', async () => {
    await deadlines.run(60_000, async () => 'quick');
    await expect(deadlines.run(20, () => new Promise(() => undefined))).rejects.toMatchObject({
      code: 'HANDLER_TIMEOUT',
    });
  });

  it('does not let the timer of a finished attempt time out the next one early', async () => {
    let clock = 0;
    const clocked = new HandlerDeadlines(() => clock);
    try {
      await clocked.run(20, async () => 'quick');
      clocked.finish();
      // The next attempt starts later, so its deadline is later than the armed timer's.
      clock = 1_000;
      let finish!: (value: string) => void;
      const slow = clocked.run(20, () => new Promise<string>((resolve) => (finish = resolve)));
      await new Promise((resolve) => setTimeout(resolve, 40));
      finish('in time');
      await expect(slow).resolves.toBe('in time');
    } finally {
      clocked.close();
    }
  });

  it('never aborts the signal of an attempt that finished, even past its deadline', async () => {
    let seen: AbortSignal | undefined;
    await deadlines.run(10, async (attempt) => {
      seen = attempt.signal;
    });
    deadlines.finish();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen?.aborted).toBe(false);
  });
});

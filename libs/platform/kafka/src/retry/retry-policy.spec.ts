import { defaultRetryPolicy, nextStep, type FailedAttempt } from './retry-policy';

const policy = { ...defaultRetryPolicy, attemptsInProcess: 3, retryTopicDelaysMs: [1_000, 10_000] };
const failure = (overrides: Partial<FailedAttempt>): FailedAttempt => ({
  retriable: true,
  timedOut: false,
  attemptsHere: 1,
  tier: 0,
  releasing: false,
  ...overrides,
});

describe('nextStep', () => {
  it('sends a non-retriable failure straight to the dead-letter topic', () => {
    expect(nextStep(failure({ retriable: false }), policy)).toEqual({ kind: 'dead-letter' });
  });

  it('retries in process until the in-process attempts are spent', () => {
    expect(nextStep(failure({ attemptsHere: 1 }), policy)).toEqual({
      kind: 'retry-here',
      attempt: 2,
    });
    expect(nextStep(failure({ attemptsHere: 2 }), policy)).toEqual({
      kind: 'retry-here',
      attempt: 3,
    });
  });

  it('then walks the retry topics in order, then dead-letters', () => {
    expect(nextStep(failure({ attemptsHere: 3, tier: 0 }), policy)).toEqual({
      kind: 'retry-topic',
      tier: 1,
      delayMs: 1_000,
    });
    expect(nextStep(failure({ attemptsHere: 3, tier: 1 }), policy)).toEqual({
      kind: 'retry-topic',
      tier: 2,
      delayMs: 10_000,
    });
    expect(nextStep(failure({ attemptsHere: 3, tier: 2 }), policy)).toEqual({
      kind: 'dead-letter',
    });
  });

  it('moves a timed-out record to a retry topic at once, not blocking its partition again', () => {
    expect(nextStep(failure({ timedOut: true, attemptsHere: 1 }), policy).kind).toBe('retry-topic');
  });

  it('does not retry in process while the partition is being handed over', () => {
    expect(nextStep(failure({ releasing: true, attemptsHere: 1 }), policy).kind).toBe(
      'retry-topic',
    );
  });
});

import {
  failureHeaders,
  historyOf,
  withFailureHeaders,
  withoutFailureHeaders,
} from './failure-headers';

describe('failure headers', () => {
  const original = { 'fieldline-event-id': 'e-1', traceparent: '00-abc-def-01' };
  const history = {
    sourceTopic: 'patterns',
    sourcePartition: 4,
    sourceOffset: '1234',
    attempts: 3,
    firstFailureAt: 1_000,
    tier: 0,
  };

  it('keeps the original headers and says where the record came from and why it failed', () => {
    const headers = withFailureHeaders(original, {
      history,
      groupId: 'notifier',
      errorType: 'TRANSIENT_FAILURE',
      errorMessage: 'smtp relay down',
      retriable: true,
      failedAt: 2_000,
      retry: { tier: 1, dueAt: 12_000 },
    });
    expect(headers).toMatchObject({
      ...original,
      [failureHeaders.sourceTopic]: 'patterns',
      [failureHeaders.sourcePartition]: '4',
      [failureHeaders.sourceOffset]: '1234',
      [failureHeaders.attempts]: '3',
      [failureHeaders.firstFailureAt]: '1000',
      [failureHeaders.errorType]: 'TRANSIENT_FAILURE',
      [failureHeaders.retryDueAt]: '12000',
    });
    expect(historyOf(headers)).toEqual({ ...history, tier: 1 });
  });

  it('reads no history from a record on its original topic', () => {
    expect(historyOf(original)).toBeUndefined();
  });

  it('strips failure headers for a redrive, leaving the original ones', () => {
    const failed = withFailureHeaders(original, {
      history,
      groupId: 'g',
      errorType: 'X',
      errorMessage: 'x',
      retriable: false,
      failedAt: 1,
    });
    expect(withoutFailureHeaders(failed)).toEqual(original);
  });
});

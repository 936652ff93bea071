import { FieldlineError, isRetriable } from './fieldline-error';

describe('FieldlineError', () => {
  it.each([
    ['DECODE_FAILED', false],
    ['UNKNOWN_SCHEMA', false],
    ['REGISTRY_UNAVAILABLE', true],
    ['REGISTRY_REJECTED', false],
    ['VALIDATION_FAILED', false],
    ['BROKER_UNAVAILABLE', true],
    ['PUBLISH_REJECTED', false],
    ['HANDLER_TIMEOUT', true],
    ['TRANSIENT_FAILURE', true],
    ['PERMANENT_FAILURE', false],
    ['REQUEST_TIMEOUT', true],
  ] as const)('%s is retriable: %s', (code, retriable) => {
    expect(isRetriable(new FieldlineError(code, 'x'))).toBe(retriable);
  });

  it('never treats a programming error as retriable', () => {
    expect(isRetriable(new TypeError('undefined is not a function'))).toBe(false);
  });
});

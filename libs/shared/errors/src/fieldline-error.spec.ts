import { FieldlineError, isRetriable } from './fieldline-error';

describe('FieldlineError', () => {
  it.each([
    ['DECODE_FAILED', false],
    ['UNKNOWN_SCHEMA', false],
    ['REGISTRY_UNAVAILABLE', true],
    ['REGISTRY_REJECTED', false],
    ['VALIDATION_FAILED', false],
  ] as const)('%s is retriable: %s', (code, retriable) => {
    expect(isRetriable(new FieldlineError(code, 'x'))).toBe(retriable);
  });

  it('never treats a programming error as retriable', () => {
    expect(isRetriable(new TypeError('undefined is not a function'))).toBe(false);
  });
});

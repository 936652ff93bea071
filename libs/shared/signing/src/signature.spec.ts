import { createHmac } from 'node:crypto';
import { signatureMatches, signPayload } from './signature';

describe('signPayload', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", as a receiver computes it', () => {
    const expected = createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex');
    expect(signPayload('k', '1700000000', '{"a":1}')).toBe(expected);
    expect(signPayload('k', '1700000000', Buffer.from('{"a":1}'))).toBe(expected);
  });

  it.each([
    ['another timestamp', signPayload('k', '1700000001', 'body')],
    ['another secret', signPayload('j', '1700000000', 'body')],
    ['a truncated signature', signPayload('k', '1700000000', 'body').slice(0, 40)],
  ])('does not match %s', (_case, given) => {
    expect(signatureMatches(signPayload('k', '1700000000', 'body'), given)).toBe(false);
  });
});

import { HttpProblem } from '@fieldline/platform-http';
import { signPayload } from '@fieldline/shared-signing';
import { verifySignature } from './signature';

const now = 1_800_000_000_000;
const body = Buffer.from('{"value":1}');
const secret = 's3cret';
const signedAt = String(now / 1000 - 10);
const good = signPayload(secret, signedAt, body, 'hex');
const parts = (timestamp: string | undefined, signature: string | undefined) => ({
  timestamp: { from: 'X-Timestamp', value: timestamp },
  signature: { from: 'X-Signature', value: signature },
});
const check = { secret, encoding: 'hex' as const, toleranceSeconds: 300, now };

function refusal(timestamp: string | undefined, signature: string | undefined, payload = body) {
  try {
    verifySignature(parts(timestamp, signature), payload, check);
    return undefined;
  } catch (error) {
    return error instanceof HttpProblem
      ? `${error.status} ${error.title}: ${error.detail}`
      : String(error);
  }
}

describe('verifySignature', () => {
  it('accepts a fresh signature over the exact body', () => {
    expect(refusal(signedAt, good)).toBeUndefined();
  });

  it.each([
    ['no timestamp', undefined, good, body, '401 Invalid signature: X-Timestamp is missing'],
    ['no signature', signedAt, undefined, body, '401 Invalid signature: X-Signature is missing'],
    [
      'a timestamp that is not unix seconds',
      '2026-01-01',
      good,
      body,
      'X-Timestamp must be unix seconds',
    ],
    [
      'a stale signature',
      String(now / 1000 - 301),
      good,
      body,
      '401 Stale signature: the signature was made 301 s ago',
    ],
    [
      'a signature from the future',
      String(now / 1000 + 400),
      good,
      body,
      'made 400 s in the future',
    ],
    ['a changed body', signedAt, good, Buffer.from('{"value":2}'), 'X-Signature does not match'],
    [
      'another secret',
      signedAt,
      signPayload('other', signedAt, body, 'hex'),
      body,
      'does not match',
    ],
    ['a truncated signature', signedAt, good.slice(0, 10), body, 'does not match'],
    [
      'a re-signed old timestamp',
      String(now / 1000 - 10_000),
      signPayload(secret, String(now / 1000 - 10_000), body, 'hex'),
      body,
      'Stale signature',
    ],
  ])('refuses %s', (_case, timestamp, signature, payload, message) => {
    expect(refusal(timestamp, signature, payload)).toContain(message);
  });
});

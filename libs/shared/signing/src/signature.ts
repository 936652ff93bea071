import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureEncoding = 'hex' | 'base64';

/**
 * The signature Fieldline's webhooks use, both ways: HMAC-SHA256 with the shared secret over
 * `<timestamp>.<raw body>`, so a captured body cannot be replayed with a new timestamp.
 */
export function signPayload(
  secret: string,
  timestamp: string,
  body: string | Buffer,
  encoding: SignatureEncoding = 'hex',
): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest(encoding);
}

/** Compares in constant time; false for any difference, length included. */
export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

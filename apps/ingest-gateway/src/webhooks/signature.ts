import { HttpProblem } from '@fieldline/platform-http';
import { signatureMatches, signPayload } from '@fieldline/shared-signing';
import type { SignedParts } from './webhook-adapter';

export interface SignatureCheck {
  readonly secret: string;
  readonly encoding: 'hex' | 'base64';
  readonly toleranceSeconds: number;
  readonly now: number;
}

/**
 * Refuses a delivery whose signature is missing, does not match, or was made outside the
 * tolerance window (a stale or replayed capture). Each refusal says which and why.
 */
export function verifySignature(parts: SignedParts, rawBody: Buffer, check: SignatureCheck): void {
  const { timestamp, signature } = parts;
  if (!timestamp.value) throw unauthorized(`${timestamp.from} is missing`);
  if (!signature.value) throw unauthorized(`${signature.from} is missing`);
  if (!/^\d{1,12}$/.test(timestamp.value)) {
    throw unauthorized(
      `${timestamp.from} must be unix seconds, not "${timestamp.value.slice(0, 20)}"`,
    );
  }
  const ageSeconds = Math.round(check.now / 1000 - Number(timestamp.value));
  if (Math.abs(ageSeconds) > check.toleranceSeconds) {
    throw unauthorized(
      `the signature was made ${Math.abs(ageSeconds)} s ${ageSeconds >= 0 ? 'ago' : 'in the future'}; the tolerance is ${check.toleranceSeconds} s`,
      'Stale signature',
    );
  }
  const expected = signPayload(check.secret, timestamp.value, rawBody, check.encoding);
  if (!signatureMatches(expected, signature.value)) {
    throw unauthorized(
      `${signature.from} does not match the body signed with this provider's secret`,
    );
  }
}

function unauthorized(detail: string, title = 'Invalid signature'): HttpProblem {
  return new HttpProblem(401, title, detail);
}

import { FieldlineError } from '@fieldline/shared-errors';

/** The HTTP status of a failed registry call, when the registry answered at all. */
export function registryStatus(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'status' in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

// The client library reports a failed connection as a synthetic HTTP 400 carrying the socket error.
const connectionFailure =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|socket hang up)\b/;

/**
 * Whether trying the same registry call later can succeed: the registry was unreachable,
 * overloaded or failing (5xx, 408, 429). Anything else it answered is final.
 */
export function isTransientRegistryFailure(error: unknown): boolean {
  const status = registryStatus(error);
  if (status === undefined) {
    return !(error instanceof Error && error.name.startsWith('ConfluentSchemaRegistry'));
  }
  if (status >= 500 || status === 408 || status === 429) return true;
  return status === 400 && error instanceof Error && connectionFailure.test(error.message);
}

/** A registry that cannot be reached or answers 5xx: the caller retries instead of dead-lettering. */
export function registryUnavailable(
  registryUrl: string,
  action: string,
  cause: unknown,
): FieldlineError {
  return registryError(
    'REGISTRY_UNAVAILABLE',
    `Schema registry at ${registryUrl} could not ${action}`,
    cause,
  );
}

/** The registry answered, and the answer will not change: refused, unauthorized or unusable. */
export function registryRejected(
  registryUrl: string,
  action: string,
  cause: unknown,
): FieldlineError {
  return registryError(
    'REGISTRY_REJECTED',
    `Schema registry at ${registryUrl} refused to ${action}`,
    cause,
  );
}

function registryError(
  code: 'REGISTRY_UNAVAILABLE' | 'REGISTRY_REJECTED',
  what: string,
  cause: unknown,
) {
  return new FieldlineError(code, `${what}: ${messageOf(cause)}`, { cause });
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

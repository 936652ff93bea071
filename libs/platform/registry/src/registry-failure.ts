import { FieldlineError } from '@fieldline/shared-errors';

/** The HTTP status of a failed registry call, when the registry answered at all. */
export function registryStatus(error: unknown): number | undefined {
  if (error && typeof error === 'object' && 'status' in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

/**
 * A registry that cannot be reached or answers 5xx: the same call can succeed later, so the
 * caller retries instead of dead-lettering the record.
 */
export function registryUnavailable(
  registryUrl: string,
  action: string,
  cause: unknown,
): FieldlineError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new FieldlineError(
    'REGISTRY_UNAVAILABLE',
    `Schema registry at ${registryUrl} could not ${action}: ${detail}`,
    { cause },
  );
}

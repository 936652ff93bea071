/** Every error code Fieldline raises; each maps to exactly one retry decision. */
export const errorCodes = [
  'DECODE_FAILED',
  'UNKNOWN_SCHEMA',
  'REGISTRY_UNAVAILABLE',
  'REGISTRY_REJECTED',
  'VALIDATION_FAILED',
  'CONFIG_INVALID',
  'BROKER_UNAVAILABLE',
  'PUBLISH_REJECTED',
  'HANDLER_TIMEOUT',
  'TRANSIENT_FAILURE',
  'PERMANENT_FAILURE',
  'REQUEST_TIMEOUT',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

const retriableByCode: Readonly<Record<ErrorCode, boolean>> = {
  DECODE_FAILED: false,
  UNKNOWN_SCHEMA: false,
  REGISTRY_UNAVAILABLE: true,
  REGISTRY_REJECTED: false,
  VALIDATION_FAILED: false,
  CONFIG_INVALID: false,
  /** Kafka did not answer, or not in time: the same call may succeed later. */
  BROKER_UNAVAILABLE: true,
  /** Kafka refused the records (too large, unknown topic, not authorized). */
  PUBLISH_REJECTED: false,
  /** A handler ran past its deadline and was aborted. */
  HANDLER_TIMEOUT: true,
  /** A handler's own failure that may pass on a later attempt (a dependency is down). */
  TRANSIENT_FAILURE: true,
  /** A handler's own failure that no retry can fix (the event breaks a business rule). */
  PERMANENT_FAILURE: false,
  /** No reply arrived within the request's timeout. */
  REQUEST_TIMEOUT: true,
};

/**
 * The one error base: a code, whether trying again can help, and the cause. Retry logic
 * reads `retriable` and nothing else.
 */
export class FieldlineError extends Error {
  override readonly name: string = 'FieldlineError';
  readonly retriable: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.retriable = retriableByCode[code];
  }
}

export function isRetriable(error: unknown): boolean {
  return error instanceof FieldlineError && error.retriable;
}

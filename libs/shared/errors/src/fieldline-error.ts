/** Every error code Fieldline raises; each maps to exactly one retry decision. */
export const errorCodes = [
  'DECODE_FAILED',
  'UNKNOWN_SCHEMA',
  'REGISTRY_UNAVAILABLE',
  'REGISTRY_REJECTED',
  'VALIDATION_FAILED',
  'CONFIG_INVALID',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

const retriableByCode: Readonly<Record<ErrorCode, boolean>> = {
  DECODE_FAILED: false,
  UNKNOWN_SCHEMA: false,
  REGISTRY_UNAVAILABLE: true,
  REGISTRY_REJECTED: false,
  VALIDATION_FAILED: false,
  CONFIG_INVALID: false,
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

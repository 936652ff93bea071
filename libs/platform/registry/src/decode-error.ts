import { FieldlineError } from '@fieldline/shared-errors';

/** Where a record came from, so a decode failure can be found and redriven. */
export interface RecordLocation {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * A record that can never be decoded as it is: corrupt bytes, a wrong magic byte or an unknown
 * schema id. Not retriable: it belongs in the DLQ, not in a retry loop.
 */
export class DecodeError extends FieldlineError {
  override readonly name = 'DecodeError';

  constructor(
    readonly location: RecordLocation,
    readonly reason: string,
    options?: { cause?: unknown; code?: 'DECODE_FAILED' | 'UNKNOWN_SCHEMA' },
  ) {
    super(
      options?.code ?? 'DECODE_FAILED',
      `Cannot decode record ${location.topic}[${location.partition}]@${location.offset}: ${reason}`,
      options,
    );
  }
}

/**
 * A stack failure the user can act on: `message` says what went wrong, `hint` what to do.
 * The CLI prints both and exits non-zero; nothing else in the tool prints errors.
 */
export class StackError extends Error {
  override readonly name = 'StackError';

  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

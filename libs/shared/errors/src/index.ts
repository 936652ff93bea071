export { FieldlineError, errorCodes, isRetriable } from './fieldline-error';
export type { ErrorCode } from './fieldline-error';

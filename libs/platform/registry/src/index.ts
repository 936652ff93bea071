export { DecodeError } from './decode-error';
export type { RecordLocation } from './decode-error';
export { frame, unframe, magicByte } from './wire-format';
export type { FramedRecord } from './wire-format';

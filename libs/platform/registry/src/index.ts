export { AvroSerde } from './avro-serde';
export type { AvroSerdeOptions, DecodedRecord } from './avro-serde';
export { DecodeError } from './decode-error';
export type { RecordLocation } from './decode-error';
export { createRegistryClient } from './registry-client';
export type { RegistryClient, RegistryClientOptions, SubjectVersion } from './registry-client';
export { frame, unframe, magicByte } from './wire-format';
export type { FramedRecord } from './wire-format';

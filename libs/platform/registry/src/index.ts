export { AvroSerde } from './avro-serde';
export type { AvroSerdeOptions, DecodedRecord } from './avro-serde';
export { DecodeError } from './decode-error';
export type { RecordLocation } from './decode-error';
export { createRegistryClient } from './registry-client';
export type {
  RegistryAuth,
  RegistryClient,
  RegistryClientOptions,
  SubjectVersion,
} from './registry-client';
export { encodeFramed, frame, unframe, magicByte } from './wire-format';
export type { BufferEncoder, FramedRecord } from './wire-format';
export { registerSubjects } from './register-subjects';
export type { SubjectOutcome, TopicSubjects } from './register-subjects';

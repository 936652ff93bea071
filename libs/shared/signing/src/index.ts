export { signatureMatches, signPayload } from './signature';
export type { SignatureEncoding } from './signature';

import type { Request } from 'express';

/** Where a signed delivery keeps its parts, named as the provider names them (for errors). */
export interface SignedParts {
  readonly timestamp: { readonly from: string; readonly value: string | undefined };
  readonly signature: { readonly from: string; readonly value: string | undefined };
}

/** One reading in the gateway's own shape, still unvalidated, and where it came from. */
export interface ProviderReading {
  readonly input: unknown;
  readonly path: string;
}

/**
 * What differs between webhook providers: where the timestamp, signature and delivery id sit,
 * how the signature is encoded, and how a payload becomes readings. Every provider signs
 * HMAC-SHA256 over `<timestamp>.<raw body>` with its own secret.
 */
export interface WebhookAdapter {
  readonly provider: string;
  signedParts(request: Request): SignedParts;
  readonly signatureEncoding: 'hex' | 'base64';
  /** The provider's id of this delivery; the same on every retry of it. */
  deliveryId(
    request: Request,
    body: unknown,
  ): { readonly from: string; readonly value: string | undefined };
  readings(body: unknown): ProviderReading[];
}

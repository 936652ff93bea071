import type { WebhookAdapter } from '../webhook-adapter';

/**
 * Any sender that speaks the gateway's own reading shape: one reading, or
 * `{"observations": [...]}`, signed in `X-Fieldline-Signature: sha256=<hex>`.
 */
export const genericAdapter: WebhookAdapter = {
  provider: 'generic',
  signatureEncoding: 'hex',
  signedParts: (request) => ({
    timestamp: { from: 'X-Fieldline-Timestamp', value: request.get('x-fieldline-timestamp') },
    signature: {
      from: 'X-Fieldline-Signature',
      value: request.get('x-fieldline-signature')?.replace(/^sha256=/, ''),
    },
  }),
  deliveryId: (request) => ({
    from: 'X-Fieldline-Delivery',
    value: request.get('x-fieldline-delivery'),
  }),
  readings(body) {
    const batch = typeof body === 'object' && body !== null && 'observations' in body;
    const items = batch ? (body as { observations: unknown }).observations : [body];
    if (!Array.isArray(items)) return [{ input: items, path: 'observations' }];
    return items.map((input, index) => ({ input, path: batch ? `observations[${index}]` : '' }));
  },
};

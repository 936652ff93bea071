import type { WebhookAdapter } from '../webhook-adapter';

interface StationHubPayload {
  readonly station?: { readonly id?: unknown; readonly region?: unknown };
  readonly readings?: unknown;
}

/**
 * A weather-station network: one station's readings per delivery, signed in
 * `StationHub-Signature: t=<unix seconds>,v1=<hex>`.
 */
export const stationHubAdapter: WebhookAdapter = {
  provider: 'stationhub',
  signatureEncoding: 'hex',
  signedParts(request) {
    const header = request.get('stationhub-signature');
    const parts = new Map(
      (header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]),
    );
    return {
      timestamp: { from: 'StationHub-Signature t=', value: parts.get('t') },
      signature: { from: 'StationHub-Signature v1=', value: parts.get('v1') },
    };
  },
  deliveryId: (request) => ({
    from: 'StationHub-Delivery',
    value: request.get('stationhub-delivery'),
  }),
  readings(body) {
    const payload = (body ?? {}) as StationHubPayload;
    const station = payload.station ?? {};
    if (!Array.isArray(payload.readings)) return [{ input: payload.readings, path: 'readings' }];
    return payload.readings.map((reading: Record<string, unknown> | null, index) => ({
      path: `readings[${index}]`,
      input:
        typeof reading === 'object' && reading !== null
          ? {
              source: typeof station.id === 'string' ? `stationhub:${station.id}` : station.id,
              regionId: station.region,
              metric: reading['type'],
              value: reading['value'],
              unit: reading['unit'],
              observedAt: reading['time'],
              attributes: { provider: 'stationhub' },
            }
          : reading,
    }));
  },
};

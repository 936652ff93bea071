import type { ProviderReading, WebhookAdapter } from '../webhook-adapter';

interface FloodwatchAlert {
  readonly alert_id?: unknown;
  readonly gauge?: unknown;
  readonly region_code?: unknown;
  readonly measured_at?: unknown;
  readonly flood_risk?: unknown;
  readonly surge_m?: unknown;
}

/**
 * A hydrology alert feed: one gauge's flood risk and storm surge per alert, the delivery id in
 * the body, signed in base64 in `X-Floodwatch-Signature`; `measured_at` is in unix seconds.
 */
export const floodwatchAdapter: WebhookAdapter = {
  provider: 'floodwatch',
  signatureEncoding: 'base64',
  signedParts: (request) => ({
    timestamp: { from: 'X-Floodwatch-Timestamp', value: request.get('x-floodwatch-timestamp') },
    signature: { from: 'X-Floodwatch-Signature', value: request.get('x-floodwatch-signature') },
  }),
  deliveryId: (_request, body) => {
    const id = (body as FloodwatchAlert | null)?.alert_id;
    return { from: 'alert_id', value: typeof id === 'string' ? id : undefined };
  },
  readings(body) {
    const alert = (body ?? {}) as FloodwatchAlert;
    const observedAt =
      typeof alert.measured_at === 'number' ? alert.measured_at * 1000 : alert.measured_at;
    const common = {
      source: typeof alert.gauge === 'string' ? `floodwatch:${alert.gauge}` : alert.gauge,
      regionId: alert.region_code,
      observedAt,
      attributes: { provider: 'floodwatch' },
    };
    const readings: ProviderReading[] = [
      { input: { ...common, metric: 'flood_risk', value: alert.flood_risk }, path: 'flood_risk' },
    ];
    if (alert.surge_m !== undefined) {
      readings.push({
        input: { ...common, metric: 'storm_surge', value: alert.surge_m, unit: 'm' },
        path: 'surge_m',
      });
    }
    return readings;
  },
};

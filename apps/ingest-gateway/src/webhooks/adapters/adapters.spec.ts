import type { Request } from 'express';
import { floodwatchAdapter } from './floodwatch';
import { genericAdapter } from './generic';
import { stationHubAdapter } from './stationhub';

const requestWith = (headers: Record<string, string>) =>
  ({ get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;

describe('webhook adapters', () => {
  it.each([
    [genericAdapter, { 'x-fieldline-timestamp': '100', 'x-fieldline-signature': 'sha256=abc' }],
    [stationHubAdapter, { 'stationhub-signature': 't=100, v1=abc' }],
    [floodwatchAdapter, { 'x-floodwatch-timestamp': '100', 'x-floodwatch-signature': 'abc' }],
  ])('finds the timestamp and signature of %s', (adapter, headers) => {
    const parts = adapter.signedParts(requestWith(headers));
    expect([parts.timestamp.value, parts.signature.value]).toEqual(['100', 'abc']);
  });

  it('maps a StationHub delivery to one reading per station reading', () => {
    const readings = stationHubAdapter.readings({
      station: { id: 'st-9', region: 'r-01-02' },
      readings: [
        { type: 'heat_index', value: 41, unit: 'degC', time: '2026-07-01T12:00:00Z' },
        'junk',
      ],
    });
    expect(readings).toEqual([
      {
        path: 'readings[0]',
        input: {
          source: 'stationhub:st-9',
          regionId: 'r-01-02',
          metric: 'heat_index',
          value: 41,
          unit: 'degC',
          observedAt: '2026-07-01T12:00:00Z',
          attributes: { provider: 'stationhub' },
        },
      },
      { path: 'readings[1]', input: 'junk' },
    ]);
  });

  it('maps a Floodwatch alert to flood risk and storm surge, from unix seconds', () => {
    const alert = {
      alert_id: 'fw-1',
      gauge: 'g-7',
      region_code: 'r-02-03',
      measured_at: 1_782_907_200,
      flood_risk: 0.8,
      surge_m: 1.5,
    };
    expect(floodwatchAdapter.deliveryId(requestWith({}), alert)).toEqual({
      from: 'alert_id',
      value: 'fw-1',
    });
    expect(floodwatchAdapter.readings(alert).map((reading) => reading.input)).toEqual([
      expect.objectContaining({
        metric: 'flood_risk',
        value: 0.8,
        observedAt: 1_782_907_200_000,
        regionId: 'r-02-03',
      }),
      expect.objectContaining({
        metric: 'storm_surge',
        value: 1.5,
        unit: 'm',
        source: 'floodwatch:g-7',
      }),
    ]);
  });

  it.each([
    [{ source: 's' }, [{ input: { source: 's' }, path: '' }]],
    [
      { observations: [1, 2] },
      [
        { input: 1, path: 'observations[0]' },
        { input: 2, path: 'observations[1]' },
      ],
    ],
  ])('takes one reading or a batch in the generic shape: %j', (body, expected) => {
    expect(genericAdapter.readings(body)).toEqual(expected);
  });
});

import type { ObservationRecorded } from '@fieldline/contracts';
import type { TailedRecord, TopicTail } from '@fieldline/platform-kafka';
import { signPayload } from '@fieldline/shared-signing';
import { testEndpoints, uniqueName, waitFor } from '@fieldline/testing';
import { isolatedEnvironment, ServiceProcess, type IsolatedEnvironment } from '@fieldline/stack';
import { namespaceReader } from '../support/runtime';

/** The gateway alone, in its own namespace, with a reader of everything it writes to Kafka. */
describe('the ingest gateway refuses bad input with the right 4xx and lets none of it into Kafka', () => {
  const secrets = {
    generic: 'generic-secret',
    stationhub: 'hub-secret',
    floodwatch: 'flood-secret',
  };
  let gateway: ServiceProcess;
  let tail: TopicTail;
  let environment: IsolatedEnvironment;
  const written: TailedRecord[] = [];

  beforeAll(async () => {
    const endpoints = testEndpoints();
    environment = await isolatedEnvironment(endpoints, 'ingest', {
      INGEST_MAX_BODY_BYTES: '16384',
      INGEST_MAX_BATCH: '50',
      WEBHOOK_SECRETS: Object.entries(secrets)
        .map(([name, secret]) => `${name}=${secret}`)
        .join(','),
    });
    const { namespace, env } = environment;
    const reader = namespaceReader('ingest-reader', namespace);
    tail = reader.tail();
    await tail.start(reader.topics.physical('observations'), { fromBeginning: true }, (record) => {
      written.push(record);
    });
    gateway = await ServiceProcess.start('ingest-gateway', env);
  }, 180_000);

  afterAll(async () => {
    await gateway?.stop();
    await tail?.stop();
    await environment?.dispose();
  });

  const now = () => new Date(Date.now() - 60_000).toISOString();
  const reading = (patch: Record<string, unknown> = {}) => ({
    source: 'station-1',
    regionId: 'r-01-01',
    metric: 'heat_index',
    value: 30,
    observedAt: now(),
    ...patch,
  });
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const problemOf = async (response: Response) => ({
    status: response.status,
    ...((await response.json()) as {
      detail: string;
      problems?: { field: string; reason: string }[];
    }),
  });

  it.each([
    ['malformed JSON', () => post('/v1/observations', '{"source": "a",'), 400, 'not valid JSON'],
    [
      'a wrong type',
      () => post('/v1/observations', JSON.stringify(reading({ value: '30' }))),
      422,
      'value: must be a number',
    ],
    [
      'an unknown metric',
      () => post('/v1/observations', JSON.stringify(reading({ metric: 'rainfall' }))),
      422,
      'metric: "rainfall" is not a known metric',
    ],
    [
      'an out-of-range value',
      () => post('/v1/observations', JSON.stringify(reading({ value: 99 }))),
      422,
      '99 is out of range for heat_index',
    ],
    [
      'a time in the future',
      () =>
        post('/v1/observations', JSON.stringify(reading({ observedAt: '2099-01-01T00:00:00Z' }))),
      422,
      'is in the future',
    ],
    [
      'an oversized body',
      () =>
        post(
          '/v1/observations',
          JSON.stringify(reading({ attributes: { note: 'x'.repeat(20_000) } })),
        ),
      413,
      'the limit is 16384 bytes',
    ],
    [
      'too many readings in a batch',
      () =>
        post('/v1/observations/batch', JSON.stringify({ observations: Array(51).fill(reading()) })),
      413,
      'at most 50',
    ],
    [
      'a batch with one bad reading',
      () =>
        post(
          '/v1/observations/batch',
          JSON.stringify({ observations: [reading(), reading({ regionId: '' })] }),
        ),
      422,
      'observations[1].regionId',
    ],
    [
      'the wrong content type',
      () => post('/v1/observations', JSON.stringify(reading()), { 'content-type': 'text/plain' }),
      415,
      'application/json',
    ],
  ])('%s', async (_case, send, status, detail) => {
    const problem = await problemOf(await send());
    expect(problem.status).toBe(status);
    expect(problem.detail).toContain(detail);
  });

  function signed(
    provider: 'generic' | 'floodwatch',
    body: string,
    options: { ageSeconds?: number; secret?: string; delivery?: string } = {},
  ): Record<string, string> {
    const timestamp = String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0));
    const secret = options.secret ?? secrets[provider];
    if (provider === 'floodwatch') {
      return {
        'x-floodwatch-timestamp': timestamp,
        'x-floodwatch-signature': signPayload(secret, timestamp, body, 'base64'),
      };
    }
    return {
      'x-fieldline-timestamp': timestamp,
      'x-fieldline-signature': `sha256=${signPayload(secret, timestamp, body)}`,
      'x-fieldline-delivery': options.delivery ?? uniqueName('delivery'),
    };
  }

  it('takes a signed webhook once and refuses a replay, a stale or a wrong signature, naming why', async () => {
    const body = JSON.stringify(reading());
    const delivery = uniqueName('delivery');
    const first = await post('/v1/webhooks/generic', body, signed('generic', body, { delivery }));
    expect(first.status).toBe(202);
    const outcomes = await Promise.all([
      post('/v1/webhooks/generic', body, signed('generic', body, { delivery })).then(problemOf),
      post('/v1/webhooks/generic', body, signed('generic', body, { ageSeconds: 600 })).then(
        problemOf,
      ),
      post('/v1/webhooks/generic', body, signed('generic', body, { secret: 'guess' })).then(
        problemOf,
      ),
      post('/v1/webhooks/generic', body, {}).then(problemOf),
      post('/v1/webhooks/acme', body, {}).then(problemOf),
    ]);
    expect(outcomes.map(({ status, detail }) => [status, detail])).toEqual([
      [409, expect.stringContaining(`Delivery ${delivery} from generic was already received`)],
      [401, expect.stringMatching(/the signature was made 60\d s ago; the tolerance is 300 s/)],
      [401, expect.stringContaining('X-Fieldline-Signature does not match')],
      [401, expect.stringContaining('X-Fieldline-Timestamp is missing')],
      [404, expect.stringContaining('"acme" is not a configured provider')],
    ]);
  });

  it('maps a provider shape (Floodwatch) to readings, with the provider delivery id as replay key', async () => {
    const alert = JSON.stringify({
      alert_id: uniqueName('fw'),
      gauge: 'g-7',
      region_code: 'r-02-02',
      measured_at: Math.floor(Date.now() / 1000) - 120,
      flood_risk: 0.82,
      surge_m: 1.4,
    });
    const accepted = await post('/v1/webhooks/floodwatch', alert, signed('floodwatch', alert));
    expect(accepted.status).toBe(202);
    expect(((await accepted.json()) as { accepted: number }).accepted).toBe(2);
    const replayed = await post('/v1/webhooks/floodwatch', alert, signed('floodwatch', alert));
    expect(replayed.status).toBe(409);
  });

  it('imports the good lines of a file and reports the bad ones by line, and Kafka holds only what was accepted', async () => {
    const lines = [
      'source,regionId,metric,value,observedAt',
      `csv,r-03-03,flood_risk,0.4,${now()}`,
      `csv,r-03-03,flood_risk,high,${now()}`,
      `csv,r-03-03,flood_risk,0.5`,
      `csv,r-03-03,flood_risk,0.6,${now()}`,
    ];
    const response = await fetch(`${gateway.url}/v1/imports`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
    const report = (await response.json()) as {
      accepted: number;
      rejectedLines: { line: number }[];
    };
    expect(response.status).toBe(200);
    expect([report.accepted, report.rejectedLines.map((rejected) => rejected.line)]).toEqual([
      2,
      [3, 4],
    ]);

    const single = await post('/v1/observations', JSON.stringify(reading({ regionId: 'r-09-09' })));
    expect(single.status).toBe(202);
    // 1 webhook reading + 2 Floodwatch readings + 2 imported + 1 single: nothing refused got in.
    await waitFor(
      () => written.some((record) => (record.event as ObservationRecorded).regionId === 'r-09-09'),
      {
        description: 'the last accepted reading on the observations topic',
      },
    );
    expect(written.map((record) => (record.event as ObservationRecorded).regionId).sort()).toEqual([
      'r-01-01',
      'r-02-02',
      'r-02-02',
      'r-03-03',
      'r-03-03',
      'r-09-09',
    ]);
  });
});

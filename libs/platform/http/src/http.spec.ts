import express from 'express';
import { FieldlineError } from '@fieldline/shared-errors';
import { errorResponses } from './error-responses';
import { healthRoutes } from './health';
import { HttpProblem } from './http-problem';
import { listen, type RunningServer } from './http-server';

describe('HTTP scaffolding', () => {
  let server: RunningServer;
  let ready = true;
  const logged: string[] = [];

  beforeAll(async () => {
    const app = express();
    app.use(
      healthRoutes(
        [
          {
            name: 'broker',
            check: async () => {
              if (!ready) throw new Error('broker 127.0.0.1:9 refused the connection');
            },
          },
          {
            name: 'slow',
            check: () => new Promise((resolve) => setTimeout(resolve, ready ? 0 : 5_000)),
          },
        ],
        200,
      ),
    );
    app.post('/echo', express.json({ limit: 64 }), (request, response) => {
      response.json(request.body);
    });
    app.get('/problem', () => {
      throw new HttpProblem(422, 'Invalid reading', 'value is wrong', {
        problems: [{ field: 'value', reason: 'too big' }],
      });
    });
    app.get('/outage', () => {
      throw new FieldlineError('BROKER_UNAVAILABLE', 'no broker');
    });
    app.get('/bug', () => {
      throw new TypeError('x is undefined');
    });
    app.use(errorResponses((message) => logged.push(message)));
    server = await listen(app, 0, '127.0.0.1');
  });
  afterAll(() => server.stop(1_000));

  /** Reads the body too: an unread response keeps its connection, and Jest, open. */
  const statusOf = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    await response.arrayBuffer();
    return response;
  };
  const post = (body: string) =>
    fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it.each([
    ['malformed JSON', () => post('{"value": '), 400, 'Malformed JSON'],
    [
      'a body over the limit',
      () => post(JSON.stringify({ text: 'x'.repeat(100) })),
      413,
      'Body too large',
    ],
    ['an HttpProblem', () => fetch(`${server.url}/problem`), 422, 'Invalid reading'],
    ['an outage', () => fetch(`${server.url}/outage`), 503, 'Temporarily unavailable'],
    ['a bug', () => fetch(`${server.url}/bug`), 500, 'Internal error'],
  ])('answers %s with a problem document', async (_case, send, status, title) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status, title });
  });

  it('names the limit of a body that is too large, and every field of an invalid one', async () => {
    expect(
      ((await (await post(JSON.stringify({ text: 'x'.repeat(100) }))).json()) as { detail: string })
        .detail,
    ).toContain('the limit is 64 bytes');
    expect(
      ((await (await fetch(`${server.url}/problem`)).json()) as { problems: unknown }).problems,
    ).toEqual([{ field: 'value', reason: 'too big' }]);
  });

  it('tells the client when to retry an outage, and logs what it hides from a bug', async () => {
    expect((await statusOf('/outage')).headers.get('retry-after')).toBe('5');
    await statusOf('/bug');
    expect(logged).toContain('request failed');
  });

  it('is alive always, and ready only when every check passes, naming those that do not', async () => {
    expect((await statusOf('/healthz')).status).toBe(200);
    expect((await statusOf('/readyz')).status).toBe(200);
    ready = false;
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      checks: [
        { name: 'broker', ready: false, reason: 'broker 127.0.0.1:9 refused the connection' },
        { name: 'slow', ready: false, reason: 'no answer within 200 ms' },
      ],
    });
    ready = true;
  });
});

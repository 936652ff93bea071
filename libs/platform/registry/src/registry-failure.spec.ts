import { isTransientRegistryFailure } from './registry-failure';

/** The shape of the client library's HTTP error: a message and the status it got. */
function responseError(status: number, message: string): Error {
  return Object.assign(new Error(message), { name: 'ResponseError', status });
}

describe('isTransientRegistryFailure', () => {
  it.each([
    [
      'a connection refused (reported by the library as status 400)',
      responseError(400, 'Error, status 400: connect ECONNREFUSED 127.0.0.1:1'),
      true,
    ],
    ['a 503', responseError(503, 'Service Unavailable'), true],
    ['a 429', responseError(429, 'Too Many Requests'), true],
    ['a fetch that never connected', new TypeError('fetch failed'), true],
    ['a 401', responseError(401, 'Unauthorized'), false],
    ['a real 400 from the registry', responseError(400, 'Invalid schema'), false],
    [
      'a schema the library cannot parse',
      Object.assign(new Error('invalid name'), { name: 'ConfluentSchemaRegistryArgumentError' }),
      false,
    ],
  ])('%s: %s', (_case, error, transient) => {
    expect(isTransientRegistryFailure(error)).toBe(transient);
  });
});

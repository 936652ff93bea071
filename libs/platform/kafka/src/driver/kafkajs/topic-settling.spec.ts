import { KafkaJSProtocolError } from 'kafkajs';
import { whileTopicsSettle } from './topic-settling';

function protocolError(type: string): KafkaJSProtocolError {
  const error = new KafkaJSProtocolError(`broker answered ${type}`);
  Object.assign(error, { type });
  return error;
}

/** Work that fails with each of `failures` in turn, then answers `done`. */
function failingFirst(...failures: Error[]): { work: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    work: async () => {
      const failure = failures[calls];
      calls += 1;
      if (failure) throw failure;
      return 'done';
    },
    calls: () => calls,
  };
}

describe('whileTopicsSettle', () => {
  it('asks again while the broker does not know the topic or its leader yet', async () => {
    const { work, calls } = failingFirst(
      protocolError('UNKNOWN_TOPIC_OR_PARTITION'),
      protocolError('LEADER_NOT_AVAILABLE'),
    );
    await expect(whileTopicsSettle(work)).resolves.toBe('done');
    expect(calls()).toBe(3);
  });

  it('gives up at once on any other answer', async () => {
    const { work, calls } = failingFirst(protocolError('TOPIC_AUTHORIZATION_FAILED'));
    await expect(whileTopicsSettle(work)).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(calls()).toBe(1);
  });
});
